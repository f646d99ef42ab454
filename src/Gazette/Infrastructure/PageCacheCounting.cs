using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Gazette.Infrastructure;

/// <summary>
/// Counts the page cache's hits and misses on Gazette's meter (<see cref="GazetteMetrics"/>), as a base policy beside
/// the page policy: the output-cache middleware asks every policy to serve from the cache when it found the page
/// (a hit, also for a request that waited on another's rendering of it), and to serve the response when it had to
/// render a page it may cache (a miss). Requests the page policy leaves out (signed in, POSTs) are neither.
/// </summary>
public sealed class PageCacheCounting : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        GazetteMetrics.PageCacheHits.Add(1);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        GazetteMetrics.PageCacheMisses.Add(1);
        return ValueTask.CompletedTask;
    }

    internal sealed class Registration : IConfigureOptions<OutputCacheOptions>
    {
        public void Configure(OutputCacheOptions cache) => cache.AddBasePolicy(new PageCacheCounting());
    }
}
