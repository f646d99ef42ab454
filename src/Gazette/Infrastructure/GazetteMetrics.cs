using System.Diagnostics.Metrics;

namespace Gazette.Infrastructure;

/// <summary>
/// Gazette's own meter, <c>Gazette</c>: what the standard instrumentations cannot see. Static, as the .NET runtime's
/// own meters are: with no listener (no exporter configured, see Operations/Telemetry) an instrument is disabled and
/// <c>Add</c> returns at once. Names follow OpenTelemetry's conventions; Prometheus shows <c>gazette.comments.posted</c>
/// as <c>gazette_comments_posted_total</c>. docs/deployment.md lists them for the people who run the site.
/// </summary>
public static class GazetteMetrics
{
    public const string MeterName = "Gazette";

    private static readonly Meter Meter = new(MeterName, typeof(GazetteMetrics).Assembly.GetName().Version?.ToString(3));

    /// <summary>New comments stored, tagged <c>status</c>: published, held (for a moderator) or spam.</summary>
    public static readonly Counter<long> CommentsPosted = Meter.CreateCounter<long>(
        "gazette.comments.posted", "{comment}", "New comments stored, by the status the screening gave them.");

    /// <summary>Comments the screening held for a moderator, when posted or when an edit added what it holds for.</summary>
    public static readonly Counter<long> CommentsHeld = Meter.CreateCounter<long>(
        "gazette.comments.held", "{comment}", "Comments held for a moderator when posted or edited.");

    /// <summary>Posts and edits refused by the screening (not stored), tagged <c>reason</c>: ban, banned-words, duplicate.</summary>
    public static readonly Counter<long> CommentsRefused = Meter.CreateCounter<long>(
        "gazette.comments.refused", "{comment}", "Comments and edits the screening refused, by the rule that refused them.");

    /// <summary>Cacheable page requests answered from the page cache.</summary>
    public static readonly Counter<long> PageCacheHits = Meter.CreateCounter<long>(
        "gazette.page_cache.hits", "{request}", "Cacheable page requests answered from the page cache.");

    /// <summary>Cacheable page requests that had to be rendered (stored afterwards unless the page forbids it).</summary>
    public static readonly Counter<long> PageCacheMisses = Meter.CreateCounter<long>(
        "gazette.page_cache.misses", "{request}", "Cacheable page requests rendered because the page cache did not have them.");

    /// <summary>Flushes of counted article reads into the database that had reads to write, tagged <c>outcome</c>: written or failed.</summary>
    public static readonly Counter<long> ReadCountFlushes = Meter.CreateCounter<long>(
        "gazette.read_counts.flushes", "{flush}", "Flushes of counted article reads into the database, by outcome.");

    /// <summary>Article reads written to the database by those flushes.</summary>
    public static readonly Counter<long> ReadCountReads = Meter.CreateCounter<long>(
        "gazette.read_counts.reads", "{read}", "Article reads written to the database by the read-count flushes.");

    /// <summary>A flush wrote <paramref name="reads"/> reads in one transaction.</summary>
    public static void ReadCountsWritten(long reads)
    {
        ReadCountFlushes.Add(1, new KeyValuePair<string, object?>("outcome", "written"));
        ReadCountReads.Add(reads);
    }

    /// <summary>A flush failed; its reads went back to be written by the next one.</summary>
    public static void ReadCountFlushFailed() => ReadCountFlushes.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
}
