using Microsoft.EntityFrameworkCore;

namespace Gazette.Articles;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageCount, int TotalCount);

public static class PublishedArticles
{
    /// <summary>What readers may see: published, and not scheduled for later.</summary>
    public static IQueryable<Article> Published(this IQueryable<Article> articles, DateTime now) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now);

    /// <summary>The same rule as <see cref="Published"/>, for an article already read (a compiled query cannot call that one).</summary>
    public static bool IsPublished(ArticleStatus status, DateTime publishedAt, DateTime now) =>
        status == ArticleStatus.Published && publishedAt <= now;

    /// <summary>One page of a list, newest first, in two queries (count, then the page) whatever its length.</summary>
    public static async Task<Paged<ArticleSummary>?> NewestPageAsync(
        this IQueryable<Article> articles, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await articles.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        if (page < 1 || page > pageCount)
        {
            return null;
        }
        var items = await articles
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(ArticleSummary.FromArticle)
            .ToListAsync(cancellationToken);
        return new Paged<ArticleSummary>(items, page, pageCount, total);
    }
}
