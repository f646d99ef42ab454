using Gazette.Comments;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Gazette.Articles;

public sealed record WeekStory(string Slug, string Title, int CommentsThisWeek);

/// <summary>
/// The week's most-discussed stories: published articles ranked by the comments they received in the last
/// seven days, relative to now. One grouped query, kept for a minute: it ranks a week, so a minute is fresh enough.
/// </summary>
public sealed class NewsOfTheWeek(GazetteDb db, IMemoryCache cache, TimeProvider clock)
{
    public const int Size = 5;
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);
    private const string CacheKey = "articles:news-of-the-week";

    public async Task<IReadOnlyList<WeekStory>> GetAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out IReadOnlyList<WeekStory>? stories) && stories is not null)
        {
            return stories;
        }
        stories = await ComputeAsync(cancellationToken);
        cache.Set(CacheKey, stories, Freshness);
        return stories;
    }

    private async Task<IReadOnlyList<WeekStory>> ComputeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Window;
        var counts = db.Comments.AsNoTracking()
            .Where(c => c.CreatedAt >= since && c.CreatedAt <= now && c.Status == CommentStatus.Approved)
            .GroupBy(c => c.ArticleId)
            .Select(g => new { ArticleId = g.Key, Count = g.Count() });
        return await db.Articles.AsNoTracking().Published(now)
            .Join(counts, a => a.Id, c => c.ArticleId, (a, c) => new { a.Slug, a.Title, a.PublishedAt, c.Count })
            .OrderByDescending(x => x.Count).ThenByDescending(x => x.PublishedAt)
            .Take(Size)
            .Select(x => new WeekStory(x.Slug, x.Title, x.Count))
            .ToListAsync(cancellationToken);
    }
}
