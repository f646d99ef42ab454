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
    private long changes;

    /// <summary>
    /// How many times this instance has let go of something kept to build pages (an article's details, the settings).
    /// A page whose rendering spans one of these may show the old state, and is not put in the page cache
    /// (<see cref="PageCache"/>): else a page rendered just before a change and stored just after its eviction would be
    /// served, stale, until it expires. Counted after letting go and before evicting, so that a page started after the
    /// count saw the new state, and a page stored before the eviction goes with it.
    /// </summary>
    public long Changes => Interlocked.Read(ref changes);

    /// <summary>An article or its discussion changed: its own page, every list (counts, titles) and its kept details go.</summary>
    public async Task ArticleChangedAsync(string slug, CancellationToken cancellationToken)
    {
        ForgetArticle(slug);
        // The other instances drop their kept details and pages too: a page one of them rendered from details it kept
        // could otherwise be stored after this instance's eviction, before the message reached it.
        await instances.ArticleChangedAsync(slug);
        await EvictArticlePagesAsync(slug, cancellationToken);
    }

    /// <summary>Another instance changed an article: what this one kept from it goes, then its pages again.</summary>
    public async Task ArticleChangedElsewhereAsync(string slug, CancellationToken cancellationToken)
    {
        ForgetArticle(slug);
        await EvictArticlePagesAsync(slug, cancellationToken);
    }

    /// <summary>The saved settings were read again: pages being rendered with the old ones are not stored.</summary>
    public void SettingsReloaded() => Interlocked.Increment(ref changes);

    private async Task EvictArticlePagesAsync(string slug, CancellationToken cancellationToken)
    {
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

    /// <summary>Drops what this instance keeps in memory from an article.</summary>
    private void ForgetArticle(string slug)
    {
        CancellationTokenSource? source;
        lock (articleTokens)
        {
            articleTokens.Remove(slug, out source);
        }
        source?.Cancel();
        Interlocked.Increment(ref changes);
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
        Interlocked.Increment(ref changes);
    }
}
