using System.Globalization;
using System.Threading.RateLimiting;
using Gazette.Moderation.Limits;
using StackExchange.Redis;

namespace Gazette.Scaling;

/// <summary>
/// The write allowances of <see cref="RateLimitOptions"/> kept in Redis, so that a limit reached through one instance
/// holds on all of them. Each allowance is a token bucket kept as one number, its "theoretical arrival time" (the
/// generic cell rate algorithm): a burst of the whole allowance at once, then one write every window/allowance, like the
/// in-memory buckets. A write takes from the reader's bucket and the address's bucket (keyed by the IP hash, so an IPv6
/// host's whole prefix is one bucket) together, in one Lua script,
/// with Redis's clock (instances' clocks may differ), or from neither.
/// Not RedisRateLimiting's token bucket: it refills from the time of the last request (so steady requests never
/// refill), keeps a bucket only twice "limit/rate" seconds whatever the period, gives no Retry-After, and takes the
/// two buckets of a write in two steps.
/// If Redis fails the write is allowed (and the outage logged once): a limit is a brake, never a reason to refuse a reader.
/// </summary>
public sealed class RedisWriteLimiter(RedisConnection redis, RateLimitOptions settings) : PartitionedRateLimiter<WriteAttempt>
{
    private const string Use = "rate limits";

    // KEYS: the buckets; ARGV: for each, the milliseconds one write costs and the whole allowance in milliseconds.
    // Returns 0 (allowed, both buckets taken from) or the milliseconds to wait.
    private const string Script = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
        local wait = 0
        local arrivals = {}
        for i, key in ipairs(KEYS) do
          local cost = tonumber(ARGV[i * 2 - 1])
          local allowance = tonumber(ARGV[i * 2])
          local arrival = math.max(tonumber(redis.call('GET', key)) or now, now) + cost
          arrivals[i] = arrival
          wait = math.max(wait, arrival - now - allowance)
        end
        if wait > 0 then
          return math.ceil(wait)
        end
        for i, key in ipairs(KEYS) do
          redis.call('SET', key, tostring(arrivals[i]), 'PX', math.ceil(arrivals[i] - now))
        end
        return 0
        """;

    public override RateLimiterStatistics? GetStatistics(WriteAttempt resource) => null;

    protected override RateLimitLease AttemptAcquireCore(WriteAttempt resource, int permitCount)
    {
        if (!Buckets(resource, permitCount, out var keys, out var values))
        {
            return WriteLease.Allowed;
        }
        try
        {
            return Lease(redis.Database.ScriptEvaluate(Script, keys, values));
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.ReportFailure(Use, e);
            return WriteLease.Allowed;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(WriteAttempt resource, int permitCount, CancellationToken cancellationToken)
    {
        if (!Buckets(resource, permitCount, out var keys, out var values))
        {
            return WriteLease.Allowed;
        }
        try
        {
            return Lease(await redis.Database.ScriptEvaluateAsync(Script, keys, values));
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.ReportFailure(Use, e);
            return WriteLease.Allowed;
        }
    }

    private RateLimitLease Lease(RedisResult? result)
    {
        // A connection closing under a command can leave it without an answer (seen under load): an outage like any other.
        if (result is null || result.IsNull)
        {
            redis.ReportFailure(Use, new RedisException("Redis gave no answer to the rate-limit script."));
            return WriteLease.Allowed;
        }
        redis.ReportSuccess(Use);
        var waitMilliseconds = (long)result;
        return waitMilliseconds <= 0 ? WriteLease.Allowed : new WriteLease(false, TimeSpan.FromMilliseconds(waitMilliseconds));
    }

    /// <summary>The buckets this write takes from: the reader's and the address's, whichever are known; none when it is not limited.</summary>
    private bool Buckets(WriteAttempt attempt, int permitCount, out RedisKey[] keys, out RedisValue[] values)
    {
        var buckets = new List<(RedisKey Key, int Allowance)>(2);
        if (settings.Enabled && attempt.Kind != WriteKind.None && permitCount > 0)
        {
            var limit = settings.For(attempt.Kind);
            if (attempt.Identity is not null)
            {
                buckets.Add((redis.Key($"limits:{attempt.Kind}:{attempt.Identity}"), limit.PerIdentity));
            }
            if (attempt.IpHash is not null)
            {
                buckets.Add((redis.Key($"limits:{attempt.Kind}:ip:{attempt.IpHash}"), limit.PerIp));
            }
            values = buckets.SelectMany(bucket =>
            {
                var window = limit.WindowSeconds * 1000.0;
                return new RedisValue[]
                {
                    (window / bucket.Allowance * permitCount).ToString("R", CultureInfo.InvariantCulture),
                    window.ToString("R", CultureInfo.InvariantCulture),
                };
            }).ToArray();
        }
        else
        {
            values = [];
        }
        keys = buckets.Select(bucket => bucket.Key).ToArray();
        return keys.Length > 0;
    }

    private sealed class WriteLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WriteLease Allowed = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
