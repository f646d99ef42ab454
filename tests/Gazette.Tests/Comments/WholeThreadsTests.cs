using Gazette.Comments;
using Gazette.Core.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Comments;

/// <summary>
/// Issue 11: a discussion within the comment budget is read in one plain query, and which removed comments stay as
/// placeholders and how many replies each comment has are worked out from its rows (<see cref="ThreadRows"/>) instead of
/// being asked of the database for each row. The pages must be the same as those the database's counts give, whatever
/// the depth shown, the order, and the removed comments (the crawled discussion has one in forty, at every depth).
/// </summary>
public sealed class WholeThreadsTests(BusyThreadSite site) : IClassFixture<BusyThreadSite>
{
    [Theory]
    [InlineData(CommentSort.Oldest)]
    [InlineData(CommentSort.Newest)]
    [InlineData(CommentSort.Best)]
    public async Task AWholeDiscussionReadInOneQueryGivesTheSamePageAsTheDatabasesCounts(CommentSort sort)
    {
        // Both ways are taken: the crawled discussion has removed comments down to some depths (where the page reads
        // as before) and none below its deepest level (where it works the counts out).
        var removedAt = await site.WithDbAsync(async db =>
        {
            var articleId = await db.Articles.Where(a => a.Slug == CrawledSlug).Select(a => a.Id).SingleAsync();
            return await db.Comments.Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Deleted).Select(c => c.Depth).Distinct().ToListAsync();
        });
        var depths = new[] { 1, 2, 3, 4, 5, 6, 8, 10, 20 };
        Assert.Contains(depths, removedAt.Contains);
        Assert.Contains(depths, d => !removedAt.Contains(d));
        foreach (var depth in depths)
        {
            foreach (var threadsPerPage in new[] { 7, 1000 })
            {
                var settings = new DiscussionOptions { CommentBudget = 100_000, ThreadsPerPage = threadsPerPage, MaxDisplayDepth = depth };
                foreach (var page in threadsPerPage == 7 ? new[] { 1, 2 } : [1])
                {
                    var (counted, worked) = await site.WithDbAsync(async db =>
                    {
                        var threads = new ThreadQuery(db, Options.Create(settings));
                        var articleId = await db.Articles.Where(a => a.Slug == CrawledSlug).Select(a => a.Id).SingleAsync();
                        // Without a known count and without an outline, the page is counted, then read with the database's
                        // counts for each row.
                        var counted = await new ThreadQuery(db, Options.Create(settings)) { OutlineBudgets = 0 }
                            .PageAsync(articleId, page, sort, CancellationToken.None);
                        var worked = await threads.PageAsync(articleId, page, sort, CancellationToken.None, knownCommentCount: 0);
                        return (counted, worked);
                    });
                    Assert.NotEmpty(counted!.Threads);
                    Assert.Equal(Outline(counted.Threads), Outline(worked!.Threads));
                }
            }
        }
    }

    /// <summary>
    /// Issue 11: threads larger than the budget (but not thousands of comments) are outlined in one query and the budget
    /// chooses from the outline in memory; the pages must be those that reading them level by level gives, each level's
    /// replies chosen and counted by the database.
    /// </summary>
    [Theory]
    [InlineData(CommentSort.Oldest)]
    [InlineData(CommentSort.Newest)]
    [InlineData(CommentSort.Best)]
    public async Task AnOutlinedPageIsTheOneReadLevelByLevel(CommentSort sort)
    {
        var outlined = 0;
        foreach (var depth in new[] { 1, 2, 3, 5, 8 })
        {
            foreach (var budget in new[] { 9, 25, 60, 150 })
            {
                var settings = new DiscussionOptions { CommentBudget = budget, ThreadsPerPage = 7, MaxDisplayDepth = depth };
                foreach (var page in new[] { 1, 2 })
                {
                    var (levels, outline, outlineRead) = await site.WithDbAsync(async db =>
                    {
                        var articleId = await db.Articles.Where(a => a.Slug == CrawledSlug).Select(a => a.Id).SingleAsync();
                        var levels = await new ThreadQuery(db, Options.Create(settings)) { OutlineBudgets = 0 }
                            .PageAsync(articleId, page, sort, CancellationToken.None);
                        // Large enough an outline for any page of the crawled discussion.
                        var outline = await new ThreadQuery(db, Options.Create(settings)) { OutlineBudgets = 1000 }
                            .PageAsync(articleId, page, sort, CancellationToken.None);
                        return (levels, outline, ThreadBuilder.InReadingOrder(outline!.Threads).Count());
                    });
                    Assert.NotEmpty(levels!.Threads);
                    Assert.False(levels.Outlined);
                    Assert.Equal(Outline(levels.Threads), Outline(outline!.Threads));
                    Assert.True(outlineRead <= budget);
                    outlined += outline.Outlined ? 1 : 0;
                }
            }
        }
        // Where a removed comment sits one level below the last drawn, the outline cannot tell and the page is read level
        // by level: most pages are outlined all the same.
        Assert.InRange(outlined, 25, 40);
    }

    private static readonly string CrawledSlug = BusyThreadSite.Crawled["/articles/".Length..];

    /// <summary>Everything a page draws from a node: which comment, where, a placeholder or not, its counts.</summary>
    private static List<string> Outline(IEnumerable<ThreadNode<CommentView>> threads) =>
        ThreadBuilder.InReadingOrder(threads)
            .Select(n => $"{n.Item.Id} d{n.Depth} {(n.IsPlaceholder ? "removed" : "shown")} replies {n.ReplyCount} elsewhere {n.RepliesElsewhere} below {n.DescendantCount}")
            .ToList();
}
