using System.ComponentModel.DataAnnotations;

namespace Gazette.Scaling;

/// <summary>
/// Section "Redis": the Redis server that several Gazette instances share what must be shared through (the page cache,
/// cache invalidation, settings reloads, data-protection keys, rate-limit allowances, read counts, the IP-hash key).
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>127.0.0.1:6379</c>, <c>redis.internal:6379,password=…</c>); empty: no Redis.</summary>
    public string? Configuration { get; set; }

    /// <summary>Every key and channel Gazette uses starts with this, so that several sites (or test runs) can share one Redis.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Prefix { get; set; } = "gazette:";
}

/// <summary>Section "Scaling": what Gazette is told about how it is deployed.</summary>
public sealed class ScalingOptions
{
    public const string Section = "Scaling";

    /// <summary>How many instances serve the site. More than one without Redis: Gazette warns at start what is not shared.</summary>
    [Range(1, 10_000)]
    public int Instances { get; set; } = 1;
}
