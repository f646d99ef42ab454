using System.Globalization;
using System.Threading.RateLimiting;
using Gazette.Comments;
using Gazette.Scaling;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Moderation.Limits;

/// <summary>One write under a limit: its kind, who writes (an account or a guest cookie; null for a stranger) and from which address.</summary>
public sealed record WriteAttempt(WriteKind Kind, string? Identity, string? IpHash)
{
    public static readonly WriteAttempt None = new(WriteKind.None, null, null);
}

/// <summary>
/// The allowances of <see cref="RateLimitOptions"/> as token buckets, one per kind of write and reader, and one per
/// kind and IP address (by its keyed hash, as everything else sees addresses: an IPv6 host's whole prefix is one
/// address, see <see cref="Gazette.Core.Network.ClientNetwork"/>); a write needs a token from both. A
/// guest without a cookie yet (their first write) is held by their address's allowance alone. The JSON API and other
/// endpoints are limited by ASP.NET Core's rate-limiting middleware (<see cref="ForRequests"/>); Razor Pages by
/// <see cref="RateLimitedPages"/>, so that a refused form comes back with what was typed in it.
/// </summary>
public sealed class CommentRateLimits : IAsyncDisposable
{
    private readonly Readers readers;
    private readonly PartitionedRateLimiter<WriteAttempt> limiter;
    private readonly List<IAsyncDisposable> owned = [];

    public CommentRateLimits(IOptions<RateLimitOptions> options, Readers readers, RedisConnection? redis = null)
    {
        this.readers = readers;
        var settings = options.Value;
        // Several instances share their allowances through Redis (see Scaling/), one instance keeps them in memory.
        if (redis is { IsConfigured: true })
        {
            limiter = new RedisWriteLimiter(redis, settings);
            owned.Add(limiter);
            return;
        }
        var byIdentity = PartitionedRateLimiter.Create<WriteAttempt, (WriteKind, string)>(attempt =>
            !settings.Enabled || attempt.Kind == WriteKind.None || attempt.Identity is null
                ? RateLimitPartition.GetNoLimiter((WriteKind.None, ""))
                : RateLimitPartition.GetTokenBucketLimiter((attempt.Kind, attempt.Identity),
                    key => Bucket(settings.For(key.Item1).PerIdentity, settings.For(key.Item1).WindowSeconds)));
        var byAddress = PartitionedRateLimiter.Create<WriteAttempt, (WriteKind, string)>(attempt =>
            !settings.Enabled || attempt.Kind == WriteKind.None || attempt.IpHash is null
                ? RateLimitPartition.GetNoLimiter((WriteKind.None, ""))
                : RateLimitPartition.GetTokenBucketLimiter((attempt.Kind, attempt.IpHash),
                    key => Bucket(settings.For(key.Item1).PerIp, settings.For(key.Item1).WindowSeconds)));
        limiter = PartitionedRateLimiter.CreateChained(byIdentity, byAddress);
        // The chained limiter leaves the limiters it chains to their owner.
        owned.AddRange([limiter, byIdentity, byAddress]);
    }

    /// <summary>What this request writes, who writes it and from where; null when it is not a limited write.</summary>
    public WriteAttempt? Classify(HttpContext context)
    {
        var kind = WriteRoutes.KindOf(context);
        if (kind == WriteKind.None)
        {
            return null;
        }
        var reader = readers.Current(context);
        var identity = reader.IsMember ? $"u:{reader.UserId}" : reader.GuestKeyHash is { } guest ? $"g:{guest}" : null;
        return new WriteAttempt(kind, identity, reader.IpHash);
    }

    public RateLimitLease Acquire(WriteAttempt attempt) => limiter.AttemptAcquire(attempt);

    public ValueTask<RateLimitLease> AcquireAsync(WriteAttempt attempt, CancellationToken cancellationToken) =>
        limiter.AcquireAsync(attempt, cancellationToken: cancellationToken);

    /// <summary>The limiter for the middleware: every limited write but those of Razor Pages (see <see cref="RateLimitedPages"/>).</summary>
    public PartitionedRateLimiter<HttpContext> ForRequests() => limiter.WithTranslatedKey<HttpContext>(
        context => context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null
            ? WriteAttempt.None
            : Classify(context) ?? WriteAttempt.None,
        leaveOpen: true);

    /// <summary>Whole seconds until the refused write would be allowed (at least one).</summary>
    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;

    /// <summary>What a refused reader is told, in words that say what to do.</summary>
    public static string Message(WriteKind kind, int seconds)
    {
        var wait = seconds == 1 ? "1 second" : string.Create(CultureInfo.InvariantCulture, $"{seconds} seconds");
        return kind switch
        {
            WriteKind.Vote => $"You are voting faster than this site allows. Try again in {wait}.",
            WriteKind.Flag => $"You are flagging comments faster than this site allows. Try again in {wait}.",
            WriteKind.Account => $"Too many attempts from your connection in a short time. Try again in {wait}.",
            _ => $"You are posting faster than this site allows. Try again in {wait}.",
        };
    }

    /// <summary>
    /// The whole allowance is there at once, then comes back evenly over the window: one token every window/permits,
    /// or, for allowances of more than one a second, as many tokens each second as make it up.
    /// </summary>
    private static TokenBucketRateLimiterOptions Bucket(int permits, int windowSeconds)
    {
        var interval = TimeSpan.FromSeconds((double)windowSeconds / permits);
        var (period, tokens) = interval >= TimeSpan.FromSeconds(1)
            ? (interval, 1)
            : (TimeSpan.FromSeconds(1), (int)Math.Min(int.MaxValue, Math.Ceiling((double)permits / windowSeconds)));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owner in owned)
        {
            await owner.DisposeAsync();
        }
    }
}
