using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Moderation.Queue;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Moderation.Queue.QueueSite;

namespace Gazette.Tests.Live;

/// <summary>
/// Issue 14, the event stream over HTTP: an article's readers are told only what is public (held, spam and
/// shadow-banned comments never; an approval, a deletion, an edit, a vote when they happen), and a page that lost its
/// connection catches up from the last event it saw, each event once. Each test has an article of its own.
/// </summary>
public sealed class LiveStreamTests(QueueSite site) : IClassFixture<QueueSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task APublishedCommentReachesTheArticlesReadersWithTheCountAndTheThreadsMarkup()
    {
        var (_, slug) = await site.ArticleAsync("Live published story");
        using var reader = site.CreateClient();
        await using var stream = await OpenFromPageAsync(reader, slug);
        using var writer = new ApiClient(site, "203.0.113.21");

        var id = await writer.CommentAsync(slug, "Live <b>hello</b> & welcome", name: "Ana");

        var added = await stream.NextAsync();
        Assert.Equal(("added", id, 1), (added.Kind, added.Comment, added.Data.GetProperty("count").GetInt32()));
        Assert.Equal((JsonValueKind.Null, 0), (added.Data.GetProperty("parent").ValueKind, added.Data.GetProperty("score").GetInt32()));
        var reply = await new ApiClient(site, "203.0.113.31").CommentAsync(slug, "A reply, told with its parent.", parentId: id);
        var replied = await stream.NextAsync();
        Assert.Equal(("added", reply, 2, id), (replied.Kind, replied.Comment, replied.Data.GetProperty("count").GetInt32(), replied.Data.GetProperty("parent").GetInt32()));
        var fragment = await new HtmlParser().ParseDocumentAsync(await reader.GetStringAsync($"/comments/{id}/live", Cancel), Cancel);
        var li = fragment.QuerySelector($"li#comment-{id}.comment")!;
        Assert.Equal("Live <b>hello</b> & welcome", li.QuerySelector(".comment-text")!.TextContent);
        Assert.Equal("Ana", li.QuerySelector(".comment-author")!.TextContent);
        Assert.Null(li.QuerySelector("a.edit, a.delete")); // the same markup for every reader: nobody's own actions
    }

    [Fact]
    public async Task AHeldCommentIsNeverPushedAndItsApprovalIs()
    {
        var (_, slug) = await site.ArticleAsync("Live held story");
        using var reader = site.CreateClient();
        await using var stream = await OpenFromPageAsync(reader, slug);
        using var writer = new ApiClient(site, "203.0.113.22");
        using var posted = await writer.PostAsync($"/api/v1/articles/{slug}/comments", new { body = "You idiot, read the article.", authorName = "Rude" });
        var answer = await ApiClient.JsonAsync(posted);
        var held = answer.GetProperty("id").GetInt32();
        Assert.True(answer.GetProperty("awaitingModeration").GetBoolean());
        var fine = await writer.CommentAsync(slug, "A calmer comment.");
        Assert.Equal(("added", fine), Pair(await stream.NextAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/comments/{held}/live", Cancel)).StatusCode);

        using var moderator = await site.ModeratorAsync();
        var (_, form) = await QueueAsync(moderator, slug);
        (await Press(moderator, form!, "one", $"approve:{held}")).Dispose();

        var approved = await stream.NextAsync();
        Assert.Equal(("added", held, 2), (approved.Kind, approved.Comment, approved.Data.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task ADeletionIsPushedAndItsCommentBecomesItsPlaceholder()
    {
        var (_, slug) = await site.ArticleAsync("Live deletion story");
        using var writer = new ApiClient(site, "203.0.113.23");
        var id = await writer.CommentAsync(slug, "I will take this back.");
        var reply = await new ApiClient(site, "203.0.113.24").CommentAsync(slug, "A reply keeps it in place.", parentId: id);
        using var reader = site.CreateClient();
        await using var stream = await OpenFromPageAsync(reader, slug);

        (await writer.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{id}")).Dispose();

        var deleted = await stream.NextAsync();
        Assert.Equal(("deleted", id, 1), (deleted.Kind, deleted.Comment, deleted.Data.GetProperty("count").GetInt32()));
        var fragment = await new HtmlParser().ParseDocumentAsync(await reader.GetStringAsync($"/comments/{id}/live", Cancel), Cancel);
        Assert.NotNull(fragment.QuerySelector($"li#comment-{id}.comment-deleted"));
        Assert.NotEqual(0, reply);
    }

    [Fact]
    public async Task AShadowBannedWritersCommentIsNeverPushedToOthers()
    {
        var (_, slug) = await site.ArticleAsync("Live shadow story");
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Banning>().CreateAsync(
                BanKind.Email, "shadow@example.org", "Trolling", "", shadow: true, expiresAt: null, new Moderator(null, "moderator"), Cancel);
        }
        using var reader = site.CreateClient();
        await using var stream = await OpenFromPageAsync(reader, slug);
        using var shadowed = new ApiClient(site, "203.0.113.25");
        using var posted = await shadowed.PostAsync($"/api/v1/articles/{slug}/comments",
            new { body = "Nobody but me sees this.", authorName = "Shade", authorEmail = "shadow@example.org" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var shadowId = (await ApiClient.JsonAsync(posted)).GetProperty("id").GetInt32();

        var other = await new ApiClient(site, "203.0.113.26").CommentAsync(slug, "Seen by all.");

        var next = await stream.NextAsync();
        Assert.Equal(("added", other), (next.Kind, next.Comment));
        Assert.NotEqual(shadowId, other);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/comments/{shadowId}/live", Cancel)).StatusCode);
    }

    [Fact]
    public async Task EditsAndVotesArePushedWithTheNewScore()
    {
        var (_, slug) = await site.ArticleAsync("Live edit story");
        using var writer = new ApiClient(site, "203.0.113.27");
        var id = await writer.CommentAsync(slug, "Frist!");
        using var reader = site.CreateClient();
        await using var stream = await OpenFromPageAsync(reader, slug);

        (await writer.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{id}", new { body = "First!" })).Dispose();
        (await new ApiClient(site, "203.0.113.28").PostAsync($"/api/v1/comments/{id}/vote", new { value = 1 })).Dispose();

        Assert.Equal(("edited", id), Pair(await stream.NextAsync()));
        var vote = await stream.NextAsync();
        Assert.Equal(("score", id, 1), (vote.Kind, vote.Comment, vote.Data.GetProperty("score").GetInt32()));
    }

    [Fact]
    public async Task AReconnectingPageCatchesUpFromItsLastEventWithNoDuplicates()
    {
        var (_, slug) = await site.ArticleAsync("Live catch-up story");
        using var reader = site.CreateClient();
        var (live, after) = await LiveAddressAsync(reader, slug);
        using var writer = new ApiClient(site, "203.0.113.29");
        var first = await writer.CommentAsync(slug, "One.");
        var second = await writer.CommentAsync(slug, "Two.");
        var third = await writer.CommentAsync(slug, "Three.");

        long seen;
        await using (var stream = await EventStream.OpenAsync(reader, $"{live}?after={after}"))
        {
            Assert.Equal(first, (await stream.NextAsync()).Comment);
            seen = (await stream.NextAsync()).Id; // the page saw "two", then lost its connection
        }
        await using var again = await EventStream.OpenAsync(reader, $"{live}?after={after}", lastEventId: seen);
        Assert.Equal(third, (await again.NextAsync()).Comment);
        var fourth = await writer.CommentAsync(slug, "Four.");
        Assert.Equal(fourth, (await again.NextAsync()).Comment);
        Assert.Empty(again.Received());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task TheModerationQueueIsToldOfNewItemsAndWhoDecidedThem()
    {
        var (_, slug) = await site.ArticleAsync("Live queue story");
        using var anonymous = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var refused = await anonymous.GetAsync("/live/moderation", Cancel);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        using var watching = await site.ModeratorAsync();
        await using var queue = await EventStream.OpenAsync(watching.Http, "/live/moderation");
        using var writer = new ApiClient(site, "203.0.113.30");

        using var posted = await writer.PostAsync($"/api/v1/articles/{slug}/comments", new { body = "Shut up, moron.", authorName = "Rude" });
        var held = (await ApiClient.JsonAsync(posted)).GetProperty("id").GetInt32();
        var item = await queue.NextAsync();
        Assert.Equal(("held", held), Pair(item));
        Assert.Equal((slug, "Live queue story"), (item.Data.GetProperty("slug").GetString(), item.Data.GetProperty("article").GetString()));

        using var deciding = await site.ModeratorAsync();
        var (_, form) = await QueueAsync(deciding, slug);
        (await Press(deciding, form!, "one", $"trash:{held}")).Dispose();

        var decided = await queue.NextAsync();
        Assert.Equal(("decided", held, "Trashed", "moderator"),
            (decided.Kind, decided.Comment, decided.Data.GetProperty("status").GetString(), decided.Data.GetProperty("by").GetString()));
    }

    private static (string, int) Pair(ServerEvent e) => (e.Kind, e.Comment);

    /// <summary>Where the article page says its live stream is, and the last event it was rendered with.</summary>
    private static async Task<(string Live, long After)> LiveAddressAsync(HttpClient reader, string slug)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await reader.GetStringAsync($"/articles/{slug}", Cancel), Cancel);
        var comments = page.GetElementById("comments")!;
        return (comments.GetAttribute("data-live")!, long.Parse(comments.GetAttribute("data-live-after")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<EventStream> OpenFromPageAsync(HttpClient reader, string slug)
    {
        var (live, after) = await LiveAddressAsync(reader, slug);
        return await EventStream.OpenAsync(reader, $"{live}?after={after}");
    }
}
