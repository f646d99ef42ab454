using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Gazette.Infrastructure;

/// <summary>
/// The one place a write says what it changed, so that every cache showing it lets go: the page cache (by tag)
/// and what is kept in memory to build pages (by change token).
/// </summary>
public sealed class SiteCache(IOutputCacheStore pages)
{
    private readonly Dictionary<string, CancellationTokenSource> articleTokens = [];

    /// <summary>An article or its discussion changed: its own page, every list (counts, titles) and its kept details go.</summary>
    public async Task ArticleChangedAsync(string slug, CancellationToken cancellationToken)
    {
        CancellationTokenSource? source;
        lock (articleTokens)
        {
            articleTokens.Remove(slug, out source);
        }
        source?.Cancel();
        await pages.EvictByTagAsync(PageCache.Article(slug), cancellationToken);
        await pages.EvictByTagAsync(PageCache.Lists, cancellationToken);
    }

    /// <summary>Expires a memory-cache entry built from an article when that article changes.</summary>
    public IChangeToken ArticleToken(string slug)
    {
        lock (articleTokens)
        {
            if (!articleTokens.TryGetValue(slug, out var source))
            {
                articleTokens[slug] = source = new CancellationTokenSource();
            }
            return new CancellationChangeToken(source.Token);
        }
    }
}
