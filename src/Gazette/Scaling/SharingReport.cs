using Gazette.Privacy;
using Microsoft.Extensions.Options;

namespace Gazette.Scaling;

/// <summary>
/// Says once, at start, what this instance shares with the others: through Redis when it is configured; else, when
/// the site looks like one of several instances (<c>Database:Provider</c> is Postgres, or <c>Scaling:Instances</c> is
/// more than 1), a warning naming exactly what is not shared. One instance on SQLite is not told anything.
/// </summary>
public sealed partial class SharingReport(
    RedisConnection redis, IConfiguration configuration, IOptions<ScalingOptions> scaling, IOptions<PrivacyOptions> privacy,
    ILogger<SharingReport> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis.IsConfigured)
        {
            SharedThroughRedis(log, redis.Endpoints, redis.Prefix);
            return Task.CompletedTask;
        }
        var postgres = string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);
        if (!postgres && scaling.Value.Instances <= 1)
        {
            return Task.CompletedTask;
        }
        var why = postgres ? "Database:Provider is Postgres" : $"Scaling:Instances is {scaling.Value.Instances}";
        NotShared(log, why, string.Join("; ", NotSharedWithoutRedis(string.IsNullOrEmpty(privacy.Value.IpHashKey))));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What each instance keeps to itself without Redis, and what a reader would notice.</summary>
    public static IEnumerable<string> NotSharedWithoutRedis(bool ipHashKeyInDataFolder)
    {
        yield return "the page cache (a comment or an edit made through one instance leaves the others' cached pages as they were for up to PageCache:Seconds)";
        yield return "article details kept in memory (up to a minute old on the other instances)";
        yield return "settings saved on /admin/settings (the other instances apply them when they restart)";
        yield return "rate-limit allowances (a reader gets the whole allowance on each instance)";
        yield return "data-protection keys, unless every instance uses the same Storage:DataFolder (sign-in and guest cookies made by one instance are refused by the others)";
        if (ipHashKeyInDataFolder)
        {
            yield return "the IP-hash key, unless every instance uses the same Storage:DataFolder or sets Privacy:IpHashKey (bans and limits by address differ between instances)";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sharing the page cache, changes, settings, data-protection keys, rate limits, read counts and the IP-hash key through Redis ({Endpoints}), under keys starting {Prefix}.")]
    private static partial void SharedThroughRedis(ILogger logger, string endpoints, string prefix);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is not configured (Redis:Configuration), but this site looks like one of several instances ({Why}). Not shared between instances: {NotShared}.")]
    private static partial void NotShared(ILogger logger, string why, string notShared);
}
