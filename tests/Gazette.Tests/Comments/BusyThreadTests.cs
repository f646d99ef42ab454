using System.Globalization;
using AngleSharp.Dom;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Comments;

/// <summary>
/// Issue 11, defect 3: one comment with 20,000 replies made an 18 MB article page costing seconds of CPU per view. A
/// page shows at most <c>Discussion:CommentBudget</c> comments (200 by default) whatever the thread's shape, with
/// "N more replies" links to pages of the rest that work without JavaScript, each bounded the same way.
/// </summary>
public sealed class BusyThreadTests(BusyThreadSite site) : IClassFixture<BusyThreadSite>
{
    private const int Budget = 200;

    private static IReadOnlyList<IElement> Comments(IDocument page) => page.QuerySelectorAll("#comments li.comment").ToList();

    private static IElement? MoreReplies(IDocument page, int commentId) =>
        page.GetElementById($"comment-{commentId}")!.Children.FirstOrDefault(e => e.ClassList.Contains("more-replies"))?.QuerySelector("a");

    private static IEnumerable<int> ShownReplies(IDocument page, int commentId) =>
        page.GetElementById($"comment-{commentId}")!.Children.Where(e => e.LocalName == "ol" && e.ClassList.Contains("replies"))
            .SelectMany(ol => ol.Children).Where(li => li.ClassList.Contains("comment")).Select(Id);

    private static int Id(IElement li) => int.Parse(li.Id!["comment-".Length..], CultureInfo.InvariantCulture);

    [Fact]
    public async Task ACommentWithTwentyThousandRepliesShowsTheBudgetAndLinksToTheRestWithTheirNumber()
    {
        var page = await site.GetPageAsync(BusyThreadSite.Busy);

        Assert.InRange(Comments(page).Count, 1, Budget);
        var shown = ShownReplies(page, site.BusyId).ToList();
        Assert.Equal(site.BusyReplies.Take(shown.Count), shown); // the first replies, in order
        var link = MoreReplies(page, site.BusyId)!;
        var more = BusyThreadSite.Replies - shown.Count;
        Assert.Equal($"{more.ToString("N0", CultureInfo.InvariantCulture)} more replies to Popular", link.TextContent);
        Assert.Equal($"/comments/{site.BusyId}/thread?from={shown.Count}", link.GetAttribute("href"));
        // The quiet thread beside it is not starved: it shows its two replies.
        var authors = page.QuerySelectorAll("li.comment .comment-author").Select(a => a.TextContent).ToList();
        Assert.Contains("Q1", authors);
        Assert.Contains("Q2", authors);
    }

    [Fact]
    public async Task RenderingTheBusyPageReadsAboutAsManyRowsAsItShowsNotTheTwentyThousandReplies()
    {
        using var client = site.CreateReader();
        var before = site.RowsRead;

        using var response = await client.GetAsync(BusyThreadSite.Busy, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        var read = site.RowsRead - before;
        // The outline of the page's threads is read first (a few columns of at most 4 budgets of comments), found too
        // large, and the threads read level by level.
        Assert.True(read < 7 * Budget, $"The page read {read:N0} rows from the database to show at most {Budget}.");
    }

    [Fact]
    public async Task FollowingMoreRepliesLinksWithoutScriptReachesEveryReplyOnceOnPagesWithinTheBudget()
    {
        var reached = new List<int>();
        var page = await site.GetPageAsync(BusyThreadSite.Busy);
        reached.AddRange(ShownReplies(page, site.BusyId));
        var pages = 1;

        while (MoreReplies(page, site.BusyId) is { } link)
        {
            page = await site.GetPageAsync(link.GetAttribute("href")!);
            pages++;
            Assert.InRange(Comments(page).Count, 1, Budget);
            Assert.Equal($"comment-{site.BusyId}", Comments(page)[0].Id); // the comment they answer, on top
            reached.AddRange(ShownReplies(page, site.BusyId));
        }

        Assert.Equal(site.BusyReplies, reached);
        Assert.InRange(pages, BusyThreadSite.Replies / Budget, BusyThreadSite.Replies / Budget + 3);
    }

    [Fact]
    public async Task APageOfRepliesSaysWhichOfTheRepliesItShows()
    {
        var page = await site.GetPageAsync($"/comments/{site.BusyId}/thread?from=1000");

        Assert.Equal($"Replies 1,001 to 1,199 of 20,000 to this comment.", page.QuerySelector(".thread-position")!.TextContent);
        Assert.Equal(site.BusyReplies.Skip(1000).Take(199), ShownReplies(page, site.BusyId));
        Assert.Equal($"/comments/{site.BusyId}/thread?from=1199", MoreReplies(page, site.BusyId)!.GetAttribute("href"));
    }

    [Fact]
    public async Task ThePermalinkOfAReplyBeyondThePagesBudgetLandsOnThePageOfRepliesThatStartsWithIt()
    {
        using var client = site.CreateReader();
        var last = site.BusyReplies[^1];

        using var response = await client.GetAsync($"/comments/{last}", TestContext.Current.CancellationToken);

        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"/comments/{site.BusyId}/thread?from={BusyThreadSite.Replies - 1}#comment-{last}", location);
        var page = await site.GetPageAsync(location.Split('#')[0]);
        Assert.NotNull(page.GetElementById($"comment-{last}"));
    }

    [Fact]
    public async Task ThePermalinkOfAReplyOnTheArticlePageStillLandsThere()
    {
        using var client = site.CreateReader();

        using var response = await client.GetAsync($"/comments/{site.BusyReplies[0]}", TestContext.Current.CancellationToken);

        Assert.Equal($"{BusyThreadSite.Busy}#comment-{site.BusyReplies[0]}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheTenThousandCommentThreadsFirstPageShowsAtMostTheBudgetWithEveryTopLevelComment()
    {
        var page = await site.GetPageAsync(BusyThreadSite.Long);

        Assert.InRange(Comments(page).Count, 1, Budget);
        Assert.Equal(50, page.QuerySelectorAll("#comments ol.comment-list > li.comment").Length);
        Assert.NotEmpty(page.QuerySelectorAll(".more-replies a"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?sort=newest")]
    [InlineData("?sort=best")]
    public async Task FollowingEveryLinkOfAGeneratedDiscussionReachesEachCommentOnce(string sort)
    {
        var articleId = await site.WithDbAsync(db => db.Articles.Where(a => a.Slug == "crawled-story").Select(a => a.Id).FirstAsync());
        var approved = await site.WithDbAsync(db => db.Comments.Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved)
            .Select(c => c.Id).ToListAsync());
        var seen = new Dictionary<int, int>();
        var queue = new Queue<string>([BusyThreadSite.Crawled + sort]);
        var visited = new HashSet<string>();

        while (queue.TryDequeue(out var url))
        {
            if (!visited.Add(url))
            {
                continue;
            }
            var page = await site.GetPageAsync(url);
            var comments = Comments(page);
            Assert.True(comments.Count <= Budget, $"{url} shows {comments.Count} comments.");
            // A page of replies shows the comment they answer on top, which is counted where it stands.
            foreach (var li in url.Contains("/thread", StringComparison.Ordinal) ? comments.Skip(1) : comments)
            {
                seen[Id(li)] = seen.GetValueOrDefault(Id(li)) + 1;
            }
            foreach (var link in page.QuerySelectorAll(".more-replies a, .continue-thread a, .comment-pager a[rel=next]"))
            {
                queue.Enqueue(link.GetAttribute("href")!.Split('#')[0]);
            }
        }

        var missed = approved.Where(id => !seen.ContainsKey(id)).ToList();
        var twice = seen.Where(s => s.Value > 1).Select(s => s.Key).ToList();
        Assert.True(missed.Count == 0, $"{missed.Count} comments reached by no link, such as {string.Join(", ", missed.Take(10))}.");
        Assert.True(twice.Count == 0, $"{twice.Count} comments shown more than once, such as {string.Join(", ", twice.Take(10))}.");
        Assert.True(visited.Count > 10, $"Only {visited.Count} pages: the discussion was not cut as expected.");
    }
}
