using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Gazette.Infrastructure;

namespace Gazette.Articles;

/// <summary>
/// Everything the article page shows around the discussion, and the number of top-level comments shown (for its
/// pager: counting them is the one part of a page's cost that grows with the size of the discussion).
/// <see cref="WeekPins"/> are the editor's picks for this page's "news of the week" block, published ones only, in order.
/// </summary>
public sealed record ArticleDetail(
    ArticleView Article, ArticleLink? Previous, ArticleLink? Next, IReadOnlyList<ArticleLink> Related, int TopLevelCount,
    IReadOnlyList<ArticleLink> WeekPins);

/// <summary>
/// Reads an article with its neighbours, pins, related articles and count of top-level comments (six queries), and
/// keeps the result in memory for a minute: these change when the article or its discussion does, and those writes tell
/// <see cref="SiteCache"/>; a change to a pinned article (unpublishing it) lets go of the pages that pin it too. The discussion itself is never kept here; it is read on every view that is not served
/// from the page cache.
/// </summary>
public sealed class ArticleDetails(GazetteDb db, IMemoryCache cache, SiteCache siteCache, TimeProvider clock)
{
    public const int RelatedCount = 4;
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether the article at this address was public and is now in the newsroom's trash: its page answers 410 Gone.
    /// A draft that went there was never at the address, which stays a plain 404.
    /// </summary>
    public Task<bool> WasRemovedAsync(string slug, CancellationToken cancellationToken) =>
        db.Articles.AnyAsync(a => a.Slug == slug && a.Status == ArticleStatus.Trashed && a.TrashedFrom == ArticleStatus.Published, cancellationToken);

    public async Task<ArticleDetail?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var key = $"articles:detail:{slug}";
        if (cache.TryGetValue(key, out ArticleDetail? detail))
        {
            return detail;
        }
        detail = await ReadAsync(slug, cancellationToken);
        if (detail is not null)
        {
            using var entry = cache.CreateEntry(key);
            entry.Value = detail;
            entry.AbsoluteExpirationRelativeToNow = Freshness;
            entry.AddExpirationToken(siteCache.ArticleToken(slug));
            foreach (var shown in detail.WeekPins.Concat(detail.Related).Select(link => link.Slug).Distinct())
            {
                entry.AddExpirationToken(siteCache.ArticleToken(shown));
            }
        }
        return detail;
    }

    private async Task<ArticleDetail?> ReadAsync(string slug, CancellationToken cancellationToken)
    {
        var published = db.Articles.AsNoTracking().Published(clock.GetUtcNow().UtcDateTime);
        var article = await published
            .Where(a => a.Slug == slug)
            .Select(ArticleView.FromArticle)
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return null;
        }
        var previous = await published
            .Where(a => a.PublishedAt < article.PublishedAt || (a.PublishedAt == article.PublishedAt && a.Id < article.Id))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Select(ArticleLink.FromArticle)
            .FirstOrDefaultAsync(cancellationToken);
        var next = await published
            .Where(a => a.PublishedAt > article.PublishedAt || (a.PublishedAt == article.PublishedAt && a.Id > article.Id))
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
            .Select(ArticleLink.FromArticle)
            .FirstOrDefaultAsync(cancellationToken);
        // Pins to articles that are not (or no longer) published drop out here, silently.
        var pins = await db.ArticlePins.AsNoTracking()
            .Where(p => p.ArticleId == article.Id && p.PinnedArticleId != article.Id)
            .Join(published, p => p.PinnedArticleId, a => a.Id, (p, a) => new { p.Kind, p.Position, a.Id, Link = new ArticleLink(a.Slug, a.Title, a.PublishedAt) })
            .OrderBy(p => p.Kind).ThenBy(p => p.Position)
            .ToListAsync(cancellationToken);
        var weekPins = pins.Where(p => p.Kind == PinKind.NewsOfTheWeek).DistinctBy(p => p.Id).Take(NewsOfTheWeek.Size).Select(p => p.Link).ToList();
        var relatedPins = pins.Where(p => p.Kind == PinKind.Related).DistinctBy(p => p.Id).Take(RelatedCount).ToList();
        var related = relatedPins.Select(p => p.Link)
            .Concat(await RelatedAsync(published, article, relatedPins.Select(p => p.Id).ToList(), RelatedCount - relatedPins.Count, cancellationToken))
            .ToList();
        var topLevelCount = await db.Comments
            .Where(c => c.ArticleId == article.Id && c.ParentId == null).Where(Comments.CommentLifecycle.ShownInThread)
            .CountAsync(cancellationToken);
        return new ArticleDetail(article, previous, next, related, topLevelCount, weekPins);
    }

    /// <summary>
    /// Articles sharing the most tags (the same category counts as one more), most recent first among equals, leaving
    /// out the pinned ones (already shown first).
    /// </summary>
    private static async Task<IReadOnlyList<ArticleLink>> RelatedAsync(
        IQueryable<Article> published, ArticleView article, List<int> pinned, int count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return [];
        }
        var tagSlugs = article.Tags.Select(t => t.Slug).ToList();
        return await published
            .Where(a => a.Id != article.Id && !pinned.Contains(a.Id))
            .Select(a => new
            {
                Article = a,
                Shared = a.Tags.Count(t => tagSlugs.Contains(t.Slug)) + (a.CategoryId == article.CategoryId ? 1 : 0),
            })
            .Where(x => x.Shared > 0)
            .OrderByDescending(x => x.Shared).ThenByDescending(x => x.Article.PublishedAt)
            .Take(count)
            .Select(x => new ArticleLink(x.Article.Slug, x.Article.Title, x.Article.PublishedAt))
            .ToListAsync(cancellationToken);
    }
}
