using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Gazette.Core.Network;
using Gazette.Data;
using Gazette.Privacy;
using Gazette.Scaling;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gazette.Infrastructure;

/// <summary>
/// Turns IP addresses into keyed hashes (HMAC-SHA256), so that votes and abuse can be tied to an address without
/// storing it. The key comes from the configuration (<c>Privacy:IpHashKey</c>) or else lives in the data folder (made on
/// first use), never in the repository or the database. With Redis, instances must hash alike: the first one to get
/// there puts its key in Redis (SET NX, so an existing site's hashes stay valid), every instance takes the key found
/// there and keeps it in its data folder too. Until Redis answers, an instance hashes with its own key and asks again
/// every few seconds.
/// What is hashed is the client's network (<see cref="ClientNetwork"/>), not the address: an IPv6 host's whole prefix
/// (<c>Privacy:Ipv6PrefixLength</c>) hashes alike, so that everything keyed on the hash (rate limits, bans, vote and flag
/// de-duplication) counts it once. A single address (IPv4, or IPv6 at /128) is hashed as it always was, so stored
/// IPv4 hashes keep their meaning.
/// </summary>
public sealed class IpHasher
{
    private const string Use = "the shared IP-hash key";
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(10);

    private readonly IOptions<PrivacyOptions> privacy;
    private readonly RedisConnection? redis;
    private readonly string? path;
    private readonly Lock gate = new();
    private byte[] key;
    private volatile bool sharing;
    private long nextTry;

    public IpHasher(IOptions<StorageOptions> storage, IOptions<PrivacyOptions> privacy, IWebHostEnvironment environment, RedisConnection? redis = null)
    {
        this.privacy = privacy;
        if (!string.IsNullOrEmpty(privacy.Value.IpHashKey))
        {
            key = Encoding.UTF8.GetBytes(privacy.Value.IpHashKey);
            return;
        }
        var folder = Path.Combine(storage.Value.DataPath(environment.ContentRootPath), "secrets");
        path = Path.Combine(folder, "ip-hash.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                file.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance made it first: use theirs.
            }
        }
        key = File.ReadAllBytes(path);
        if (redis is { IsConfigured: true })
        {
            this.redis = redis;
            sharing = true;
            TryShare();
        }
    }

    public string? Hash(IPAddress? address)
    {
        if (sharing)
        {
            TryShare();
        }
        return address is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(Hashed(address))));
    }

    /// <summary>"::ffff:203.0.113.7" for IPv4 and "2001:db8::1" for one IPv6 address, as before prefixes; "2001:db8:0:1::/64" for a prefix.</summary>
    private string Hashed(IPAddress address)
    {
        var network = ClientNetwork.Of(address, privacy.Value.Ipv6PrefixLength);
        var single = network.PrefixLength == (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        return single ? network.BaseAddress.MapToIPv6().ToString() : network.ToString();
    }

    private void TryShare()
    {
        lock (gate)
        {
            if (!sharing || Environment.TickCount64 < nextTry)
            {
                return;
            }
            try
            {
                var database = redis!.Database;
                var name = redis.Key("ip-hash-key");
                database.StringSet(name, key, when: When.NotExists);
                if ((byte[]?)database.StringGet(name) is not { Length: > 0 } shared)
                {
                    return;
                }
                var mine = key;
                key = shared;
                sharing = false;
                redis.ReportSuccess(Use);
                if (!shared.AsSpan().SequenceEqual(mine))
                {
                    KeepInDataFolder(shared);
                }
            }
            catch (Exception e) when (RedisConnection.IsOutage(e))
            {
                redis!.ReportFailure(Use, e);
                nextTry = Environment.TickCount64 + (long)RetryEvery.TotalMilliseconds;
            }
        }
    }

    /// <summary>So that this instance offers the shared key if Redis ever loses it (a Redis without persistence, restarted).</summary>
    private void KeepInDataFolder(byte[] shared)
    {
        try
        {
            File.WriteAllBytes(path!, shared);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The key in memory is the shared one; the file only helps after Redis has lost it.
        }
    }
}
