using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Comments;

public sealed class DiscussionTests(DiscussionTests.Site site) : IClassFixture<DiscussionTests.Site>
{
    /// <summary>
    /// "Long thread": seven top-level comments, three per page, with replies written out of order, removed comments
    /// with and without replies, and comments held by moderation.
    /// </summary>
    public sealed class Site : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Discussion:ThreadsPerPage", "3")];

        public Dictionary<string, int> Ids { get; } = [];

        public Site()
        {
            WithDbAsync(async db =>
            {
                var at = Now.UtcDateTime.AddDays(-2);
                var article = Article("Long thread", at, Author("Ana Writer"));
                db.Add(article);
                await db.SaveChangesAsync();

                var top = Enumerable.Range(1, 7).Select(i => Comment(article, $"Top {i}", $"Top comment {i}", at.AddMinutes(i))).ToList();
                db.AddRange(top);
                // Written in the opposite order of their dates: reading order is by date, not by insertion.
                var late = Comment(article, "Late reply", "Second reply to 1", at.AddMinutes(30), parent: top[0]);
                var early = Comment(article, "Early reply", "First reply to 1", at.AddMinutes(20), parent: top[0]);
                db.AddRange(late, early);
                var deep = Comment(article, "Deep", "Reply to the early reply", at.AddMinutes(40), parent: early);
                db.Add(deep);
                // Top 2 was deleted by its author but has a reply: it stays as a placeholder.
                top[1].Status = CommentStatus.Deleted;
                var orphanCandidate = Comment(article, "Answer to deleted", "Still here", at.AddMinutes(50), parent: top[1]);
                db.Add(orphanCandidate);
                // A deleted reply without replies simply disappears, and so do held and trashed comments.
                db.Add(Comment(article, "Gone", "Deleted reply", at.AddMinutes(55), parent: top[2], status: CommentStatus.Deleted));
                db.Add(Comment(article, "Held", "Pending reply", at.AddMinutes(56), parent: top[2], status: CommentStatus.Pending));
                db.Add(Comment(article, "Spammer", "Buy now", at.AddMinutes(57), status: CommentStatus.Spam));
                db.Add(Comment(article, "Binned", "Trashed", at.AddMinutes(58), status: CommentStatus.Trashed));
                var onLastPage = Comment(article, "Reply on page 3", "Reply to 7", at.AddMinutes(60), parent: top[6]);
                db.Add(onLastPage);
                await db.SaveChangesAsync();

                article.CommentCount = 6 + 4; // visible: top 1, 3-7 and four replies
                await db.SaveChangesAsync();
                Ids["top1"] = top[0].Id;
                Ids["top7"] = top[6].Id;
                Ids["onLastPage"] = onLastPage.Id;
                Ids["early"] = early.Id;
            }).GetAwaiter().GetResult();
        }
    }

    private const string Url = "/articles/long-thread";

    [Fact]
    public async Task FirstPageShowsThreeThreadsNumberedWithRepliesInReadingOrder()
    {
        var page = await site.GetPageAsync(Url);

        Assert.Equal(
            """
            1. Top 1
              Early reply
                Deep
              Late reply
            2. Comment deleted
              Answer to deleted
            3. Top 3

            """.ReplaceLineEndings("\n"), ShownComment.Outline(ThreadReader.Read(page)));
    }

    [Fact]
    public async Task LaterPagesContinueTheNumbering()
    {
        var page = await site.GetPageAsync(Url + "?page=3");

        Assert.Equal("7. Top 7\n  Reply on page 3\n", ShownComment.Outline(ThreadReader.Read(page)));
        Assert.Equal("7", page.QuerySelector("ol.comment-list")!.GetAttribute("start"));
    }

    [Fact]
    public async Task CommentPagesLinkToEachOther()
    {
        var first = await site.GetPageAsync(Url);
        var second = await site.GetPageAsync(Url + "?page=2");

        Assert.Equal("/articles/long-thread?page=2#comments", first.QuerySelector(".comment-pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("/articles/long-thread#comments", second.QuerySelector(".comment-pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/articles/long-thread?page=3#comments", second.QuerySelector(".comment-pager a[rel=next]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task CountShowsOnlyVisibleComments()
    {
        var page = await site.GetPageAsync(Url);

        Assert.Equal("10 comments", page.QuerySelector("#comments-title")!.TextContent);
    }

    [Fact]
    public async Task HeldSpamAndTrashedCommentsAreNotShown()
    {
        var pages = new[] { await site.GetPageAsync(Url), await site.GetPageAsync(Url + "?page=2"), await site.GetPageAsync(Url + "?page=3") };

        var text = string.Concat(pages.Select(p => p.QuerySelector("#comments")!.TextContent));
        Assert.DoesNotContain("Pending reply", text);
        Assert.DoesNotContain("Buy now", text);
        Assert.DoesNotContain("Trashed", text);
        Assert.DoesNotContain("Deleted reply", text);
    }

    [Fact]
    public async Task PermalinkLandsOnThePageThatShowsTheComment()
    {
        using var client = site.CreateReader();

        using var response = await client.GetAsync($"/comments/{site.Ids["onLastPage"]}", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/articles/long-thread?page=3#comment-{site.Ids["onLastPage"]}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PermalinkOnTheFirstPageHasNoPageNumber()
    {
        using var client = site.CreateReader();

        using var response = await client.GetAsync($"/comments/{site.Ids["early"]}", TestContext.Current.CancellationToken);

        Assert.Equal($"/articles/long-thread#comment-{site.Ids["early"]}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PermalinkKeepsTheReadersSortOrder()
    {
        using var client = site.CreateReader();

        using var response = await client.GetAsync($"/comments/{site.Ids["onLastPage"]}?sort=newest", TestContext.Current.CancellationToken);

        // Newest first, the seventh top-level comment's thread is on the first page.
        Assert.Equal($"/articles/long-thread?sort=newest#comment-{site.Ids["onLastPage"]}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PermalinkToAMissingCommentIsNotFound()
    {
        await site.GetPageAsync("/comments/999999", expectedStatus: 404);
    }
}
