using Gazette.Comments;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Gazette.Articles;

/// <summary>A story in the "news of the week" block; <see cref="Pinned"/> when an editor put it there.</summary>
public sealed record WeekStory(string Slug, string Title, int CommentsThisWeek, long ReadsThisWeek, bool Pinned = false);

/// <summary>
/// The week's most discussed and most read stories: published articles ranked by the comments they received and the
/// reads counted (<see cref="ArticleReadDay"/>) in the last seven days, relative to now. One grouped query, kept for a
/// minute: it ranks a week, so a minute is fresh enough. On an article's page, the editor's pins for that page come
/// first, then the ranking fills the block, without duplicates and never with the article itself.
/// </summary>
public sealed class NewsOfTheWeek(GazetteDb db, IMemoryCache cache, TimeProvider clock)
{
    public const int Size = 5;

    /// <summary>
    /// score = CommentWeight × comments + reads. A comment costs a reader minutes and says the story matters to them;
    /// a read costs a click. On news sites about one reader in fifty to a hundred comments, so with a weight of 20 a
    /// story needs both to lead: a lively discussion outranks a story many glanced at, and a story read by far more
    /// people than usual still climbs past a small quarrel. Linear, so the database ranks it and an editor can follow it.
    /// </summary>
    public const int CommentWeight = 20;

    public static readonly TimeSpan Window = TimeSpan.FromDays(7);
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);
    private const string CacheKey = "articles:news-of-the-week";

    /// <summary>Enough of the ranking to fill a block after leaving out the page's own article and up to <see cref="Size"/> pins.</summary>
    private const int Kept = 2 * Size + 1;

    /// <summary>The week's ranking alone.</summary>
    public async Task<IReadOnlyList<WeekStory>> GetAsync(CancellationToken cancellationToken) =>
        (await RankingAsync(cancellationToken)).Take(Size).ToList();

    /// <summary>The block on one article's page: its pins (published ones, in order) first, then the ranking.</summary>
    public async Task<IReadOnlyList<WeekStory>> ForArticleAsync(string slug, IReadOnlyList<ArticleLink> pins, CancellationToken cancellationToken)
    {
        var ranking = await RankingAsync(cancellationToken);
        var ranked = ranking.ToDictionary(s => s.Slug);
        return pins
            .Select(pin => ranked.TryGetValue(pin.Slug, out var story) ? story with { Pinned = true } : new WeekStory(pin.Slug, pin.Title, 0, 0, Pinned: true))
            .Concat(ranking)
            .Where(story => story.Slug != slug)
            .DistinctBy(story => story.Slug)
            .Take(Size)
            .ToList();
    }

    private async Task<IReadOnlyList<WeekStory>> RankingAsync(CancellationToken cancellationToken)
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
        // Reads are kept per UTC day: the window is today and the six days before it.
        var (today, firstDay) = (DateOnly.FromDateTime(now), DateOnly.FromDateTime(now).AddDays(-(Window.Days - 1)));
        var comments = db.Comments.AsNoTracking()
            .Where(c => c.CreatedAt >= since && c.CreatedAt <= now && c.Status == CommentStatus.Approved)
            .GroupBy(c => c.ArticleId)
            .Select(g => new { ArticleId = g.Key, Comments = g.Count(), Reads = 0L });
        var reads = db.ArticleReadDays.AsNoTracking()
            .Where(r => r.Day >= firstDay && r.Day <= today)
            .GroupBy(r => r.ArticleId)
            .Select(g => new { ArticleId = g.Key, Comments = 0, Reads = g.Sum(r => r.Reads) });
        var activity = comments.Concat(reads)
            .GroupBy(x => x.ArticleId)
            .Select(g => new { ArticleId = g.Key, Comments = g.Sum(x => x.Comments), Reads = g.Sum(x => x.Reads) });
        return await db.Articles.AsNoTracking().Published(now)
            .Join(activity, a => a.Id, x => x.ArticleId, (a, x) => new { a.Slug, a.Title, a.PublishedAt, x.Comments, x.Reads })
            .OrderByDescending(x => x.Comments * CommentWeight + x.Reads).ThenByDescending(x => x.PublishedAt)
            .Take(Kept)
            .Select(x => new WeekStory(x.Slug, x.Title, x.Comments, x.Reads, false))
            .ToListAsync(cancellationToken);
    }
}
