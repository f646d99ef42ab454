using System.Net;
using Gazette.Core.Accounts;
using Gazette.Core.Network;
using Microsoft.Extensions.Caching.Memory;

namespace Gazette.Accounts;

/// <summary>
/// Slows password guessing without letting strangers lock members out. Identity's lockout counts failures per account
/// from anywhere, so anyone who knows an address (the administrator's is often public) can keep its owner out forever
/// by typing five wrong passwords every quarter hour. Here failures count per address typed and client network
/// (<see cref="ClientNetwork"/>): a guesser slows only themselves, and the owner, elsewhere, signs in as usual. A
/// second count per network alone stops one network spraying passwords over many accounts. The address typed is
/// counted whether or not it has an account, so the answer never tells which addresses do. A guesser spread over
/// many networks is slowed per network and left to the password rules (10 characters or more).
/// The counts live in this instance's memory: behind several instances a guesser gets the same few tries from each.
/// </summary>
public sealed class SignInThrottle(IMemoryCache cache, TimeProvider clock)
{
    /// <summary>Wrong passwords for one address from one network before the waits begin.</summary>
    public const int FreeFailuresPerAccount = 5;

    /// <summary>Wrong passwords from one network, over any addresses, before its waits begin.</summary>
    public const int FreeFailuresPerNetwork = 30;

    public static readonly TimeSpan FirstWait = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    /// <summary>A count is forgotten after a quiet day.</summary>
    private static readonly TimeSpan Forget = TimeSpan.FromDays(1);

    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset Last;
    }

    /// <summary>How long this client must wait before trying this address again; zero when it may try now.</summary>
    public TimeSpan WaitFor(string email, IPAddress? client)
    {
        var now = clock.GetUtcNow();
        return Max(
            Remaining(AccountKey(email, client), FreeFailuresPerAccount, now, email),
            Remaining(NetworkKey(client), FreeFailuresPerNetwork, now));
    }

    public void Failed(string email, IPAddress? client)
    {
        var now = clock.GetUtcNow();
        var accountKey = AccountKey(email, client);
        foreach (var key in new[] { accountKey, NetworkKey(client) })
        {
            var failures = cache.GetOrCreate(key, entry =>
            {
                entry.SlidingExpiration = Forget;
                return new Failures();
            })!;
            lock (failures)
            {
                if (key == accountKey && cache.TryGetValue<DateTimeOffset>(ForgivenKey(email), out var forgiven) && forgiven >= failures.Last)
                {
                    failures.Count = 0;
                }
                failures.Count++;
                failures.Last = now;
            }
        }
    }

    /// <summary>The right password from this network clears its count for this address (not the network's count).</summary>
    public void Succeeded(string email, IPAddress? client) => cache.Remove(AccountKey(email, client));

    /// <summary>
    /// A new password set from the mailed link: whoever reads the mailbox may sign in at once, from any network, even
    /// one that was made to wait.
    /// </summary>
    public void Forgive(string email) =>
        cache.Set(ForgivenKey(email), clock.GetUtcNow(), new MemoryCacheEntryOptions { SlidingExpiration = Forget });

    private TimeSpan Remaining(string key, int free, DateTimeOffset now, string? email = null)
    {
        if (!cache.TryGetValue<Failures>(key, out var failures) || failures is null)
        {
            return TimeSpan.Zero;
        }
        lock (failures)
        {
            if (email is not null && cache.TryGetValue<DateTimeOffset>(ForgivenKey(email), out var forgiven) && forgiven >= failures.Last)
            {
                return TimeSpan.Zero;
            }
            var until = failures.Last + SignInBackoff.Wait(failures.Count, free, FirstWait, LongestWait);
            return until > now ? until - now : TimeSpan.Zero;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string AccountKey(string email, IPAddress? client) =>
        $"sign-in:{email.Trim().ToUpperInvariant()}|{Network(client)}";

    private static string ForgivenKey(string email) => $"sign-in-forgiven:{email.Trim().ToUpperInvariant()}";

    private static string NetworkKey(IPAddress? client) => $"sign-in-network:{Network(client)}";

    private static string Network(IPAddress? client) => client is null ? "unknown" : ClientNetwork.Of(client).ToString();
}
