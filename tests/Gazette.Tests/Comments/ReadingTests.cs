using Gazette.Core.Ranking;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Comments;

/// <summary>Sorting, deep threads continued on their own page, and the thread as JSON.</summary>
public sealed class ReadingTests(ReadingTests.Site site) : IClassFixture<ReadingTests.Site>
{
    public sealed class Site : EmptyGazetteFactory
    {
        public int DeepestShownId { get; private set; }
        public int FirstHiddenId { get; private set; }

        public Site()
        {
            WithDbAsync(async db =>
            {
                var at = Now.UtcDateTime.AddDays(-1);
                var article = Article("Sorted story", at, Author("Ana Writer"));
                db.Add(article);
                await db.SaveChangesAsync();
                // Oldest: early, middle, late. Best (Wilson lower bound): middle (40 up, 2 down), early (3 up, 0 down), late (30 up, 50 down),
                // although a raw share would put early first.
                (string Name, int Minutes, int Up, int Down)[] top = [("early", 1, 3, 0), ("middle", 2, 40, 2), ("late", 3, 30, 50)];
                foreach (var (name, minutes, up, down) in top)
                {
                    var comment = Comment(article, name, $"{name} comment", at.AddMinutes(minutes));
                    (comment.Upvotes, comment.Downvotes, comment.Rank) = (up, down, WilsonScore.LowerBound(up, down));
                    db.Add(comment);
                }
                // A chain eight replies deep under 'early': levels 0-4 are shown, the rest continue elsewhere.
                var parent = db.ChangeTracker.Entries<Gazette.Comments.Comment>().First(e => e.Entity.AuthorName == "early").Entity;
                for (var depth = 1; depth <= 8; depth++)
                {
                    var reply = Comment(article, $"level {depth}", $"reply at depth {depth}", at.AddMinutes(10 + depth), parent);
                    db.Add(reply);
                    parent = reply;
                }
                article.CommentCount = 11;
                await db.SaveChangesAsync();
                var chain = db.Comments.Where(c => c.AuthorName!.StartsWith("level")).OrderBy(c => c.Depth).ToList();
                (DeepestShownId, FirstHiddenId) = (chain[3].Id, chain[4].Id);
            }).GetAwaiter().GetResult();
        }
    }

    private const string Url = "/articles/sorted-story";

    private static List<string> TopLevel(AngleSharp.Dom.IDocument page) =>
        ThreadReader.Read(page).Select(c => c.Author).ToList();

    [Theory]
    [InlineData("", new[] { "early", "middle", "late" })]
    [InlineData("?sort=oldest", new[] { "early", "middle", "late" })]
    [InlineData("?sort=newest", new[] { "late", "middle", "early" })]
    [InlineData("?sort=best", new[] { "middle", "early", "late" })]
    [InlineData("?sort=nonsense", new[] { "early", "middle", "late" })]
    public async Task SortOrderComesFromTheUrl(string query, string[] expected)
    {
        var page = await site.GetPageAsync(Url + query);

        Assert.Equal(expected, TopLevel(page));
    }

    [Fact]
    public async Task SortLinksKeepTheChoiceInTheUrlAndMarkTheCurrentOne()
    {
        var page = await site.GetPageAsync(Url + "?sort=best");

        var links = page.QuerySelectorAll(".comment-sort a").ToDictionary(a => a.TextContent, a => a);
        Assert.Equal("/articles/sorted-story?sort=newest#comments", links["Newest"].GetAttribute("href"));
        Assert.Equal("/articles/sorted-story#comments", links["Oldest"].GetAttribute("href"));
        Assert.Equal("true", links["Readers’ picks"].GetAttribute("aria-current"));
        Assert.Equal("/articles/sorted-story?sort=picks#comments", links["Editors’ picks"].GetAttribute("href"));
    }

    [Fact]
    public async Task RepliesDeeperThanTheDisplayDepthContinueOnTheirOwnPage()
    {
        var page = await site.GetPageAsync(Url);

        var deepest = page.GetElementById($"comment-{site.DeepestShownId}")!;
        var link = deepest.QuerySelector(".continue-thread a")!;
        Assert.Null(page.GetElementById($"comment-{site.FirstHiddenId}"));
        Assert.Equal($"/comments/{site.DeepestShownId}/thread", link.GetAttribute("href"));
        Assert.Equal("Continue this thread →", link.TextContent);
        var lists = 0;
        for (var e = deepest.ParentElement; e is not null; e = e.ParentElement)
        {
            lists += e.LocalName == "ol" ? 1 : 0;
        }
        Assert.Equal(5, lists);
    }

    [Fact]
    public async Task PermalinkToAReplyDeeperThanArticlePagesShowLandsOnItsContinuedThread()
    {
        using var client = site.CreateReader();

        using var response = await client.GetAsync($"/comments/{site.FirstHiddenId}", TestContext.Current.CancellationToken);
        var page = await site.GetPageAsync(response.Headers.Location!.OriginalString.Split('#')[0]);

        Assert.Equal($"/comments/{site.DeepestShownId}/thread#comment-{site.FirstHiddenId}", response.Headers.Location!.OriginalString);
        Assert.NotNull(page.GetElementById($"comment-{site.FirstHiddenId}"));
    }

    [Fact]
    public async Task ContinuedThreadPageShowsTheRestOfTheChain()
    {
        var page = await site.GetPageAsync($"/comments/{site.DeepestShownId}/thread");

        var outline = ShownComment.Outline(ThreadReader.Read(page));
        Assert.Equal("level 4\n  level 5\n    level 6\n      level 7\n        level 8\n", outline);
    }

    [Fact]
    public async Task ApiListsThePageFlatInReadingOrderInTheChosenOrder()
    {
        using var client = site.CreateReader();

        var json = await ApiClient.JsonAsync(await client.GetAsync("/api/v1/articles/sorted-story/comments?sort=best", TestContext.Current.CancellationToken));

        var comments = json.GetProperty("comments").EnumerateArray().ToList();
        Assert.Equal(["middle", "early", .. Enumerable.Range(1, 8).Select(i => $"level {i}"), "late"], comments.Select(c => c.GetProperty("author").GetString()));
        var early = comments[1];
        Assert.Equal(1, early.GetProperty("replyCount").GetInt32());
        Assert.Equal(8, early.GetProperty("descendantCount").GetInt32());
        Assert.Equal(early.GetProperty("id").GetInt32(), comments[2].GetProperty("parentId").GetInt32());
        Assert.Equal(1, comments[2].GetProperty("depth").GetInt32());
        Assert.Equal(11, json.GetProperty("commentCount").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/articles/no-such/comments", 404)]
    [InlineData("/api/v1/articles/sorted-story/comments?page=9", 404)]
    public async Task ApiAnswersMissingThingsWithProblemDetails(string url, int status)
    {
        using var client = site.CreateReader();

        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheDiscussionApi()
    {
        using var client = site.CreateReader();

        var json = await ApiClient.JsonAsync(await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/articles/{slug}/comments", out var comments));
        Assert.True(comments.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/comments/{id}/vote", out _));
    }
}
