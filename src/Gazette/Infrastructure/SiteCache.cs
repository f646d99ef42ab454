using Gazette.Scaling;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Gazette.Infrastructure;

/// <summary>
/// The one place a write says what it changed, so that every cache showing it lets go: the page cache (by tag)
/// and what is kept in memory to build pages (by change token), on this instance and, through Redis, on the others.
/// </summary>
public sealed class SiteCache(IOutputCacheStore pages, InstanceMessages instances)
{
    private readonly Dictionary<string, CancellationTokenSource> articleTokens = [];

    /// <summary>An article or its discussion changed: its own page, every list (counts, titles) and its kept details go.</summary>
    public async Task ArticleChangedAsync(string slug, CancellationToken cancellationToken)
    {
        ForgetArticle(slug);
        // The other instances drop their kept details before the pages go, so that a page they render again is fresh.
        await instances.ArticleChangedAsync(slug);
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

    /// <summary>Drops what this instance keeps in memory from an article (another instance changed it).</summary>
    public void ForgetArticle(string slug)
    {
        CancellationTokenSource? source;
        lock (articleTokens)
        {
            articleTokens.Remove(slug, out source);
        }
        source?.Cancel();
    }

    /// <summary>Drops everything kept from articles (changes made elsewhere may have been missed).</summary>
    public void ForgetAllArticles()
    {
        List<CancellationTokenSource> sources;
        lock (articleTokens)
        {
            sources = [.. articleTokens.Values];
            articleTokens.Clear();
        }
        sources.ForEach(source => source.Cancel());
    }
}
