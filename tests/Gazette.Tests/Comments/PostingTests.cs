using System.Net;
using AngleSharp.Dom;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Comments;

/// <summary>Posting and replying through the HTML forms, as a reader without JavaScript does.</summary>
public sealed class PostingTests(DiscussionSite site) : IClassFixture<DiscussionSite>
{
    private const string WriteUrl = DiscussionSite.Open + "/comment";

    [Fact]
    public async Task GuestCommentAppearsAtItsAnchorAfterTheRedirect()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(WriteUrl, "form.comment-form");

        using var posted = await form.Set("AuthorName", "Zoë").Set("Body", "Hello from a guest 👋").SubmitAsync();

        var permalink = posted.Headers.Location!.OriginalString;
        Assert.Matches(@"^/comments/\d+$", permalink);
        using var redirect = await browser.Http.GetAsync(permalink, TestContext.Current.CancellationToken);
        var target = redirect.Headers.Location!.OriginalString;
        Assert.StartsWith("/articles/open-story#comment-", target);
        var page = await browser.GetPageAsync(target);
        var comment = page.GetElementById(target.Split('#')[1])!;
        Assert.Equal("Zoë", comment.QuerySelector(".comment-author")!.TextContent);
        Assert.Equal("Hello from a guest 👋", comment.QuerySelector(".comment-text")!.TextContent);
    }

    [Fact]
    public async Task ReplyNestsUnderItsParent()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync($"{WriteUrl}?replyTo={site.ExistingCommentId}", "form.comment-form");

        using var posted = await form.Set("Body", "A reply without a name").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await browser.FollowAsync(await browser.Http.GetAsync(posted.Headers.Location!.OriginalString, TestContext.Current.CancellationToken));

        var parent = page.GetElementById($"comment-{site.ExistingCommentId}")!;
        var reply = parent.QuerySelectorAll("ol.replies > li.comment").Last();
        Assert.Equal("Anonymous", reply.QuerySelector(".comment-author")!.TextContent);
        Assert.Equal($"#comment-{site.ExistingCommentId}", reply.QuerySelector("a.parent")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ReplyingWhileSortedKeepsTheSortOrder()
    {
        using var browser = site.Browser();
        var article = await browser.GetPageAsync(DiscussionSite.Open + "?sort=best");
        var replyLink = article.QuerySelector($"#comment-{site.ExistingCommentId} a.reply")!.GetAttribute("href")!;
        var form = await browser.GetFormAsync(replyLink, "form.comment-form");

        using var posted = await form.Set("Body", "Sorted reply").SubmitAsync();
        using var permalink = await browser.Http.GetAsync(posted.Headers.Location!.OriginalString, TestContext.Current.CancellationToken);

        Assert.EndsWith("&sort=best", replyLink);
        Assert.Matches(@"^/comments/\d+\?sort=best$", posted.Headers.Location!.OriginalString);
        Assert.StartsWith("/articles/open-story?sort=best#comment-", permalink.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task CountFollowsNewComments()
    {
        using var browser = site.Browser();
        var before = await Count(browser);
        var form = await browser.GetFormAsync(WriteUrl, "form.comment-form");

        using var _ = await form.Set("Body", "Counting").SubmitAsync();

        Assert.Equal(before + 1, await Count(browser));
    }

    /// <summary>Posts the top-level form with a parent added, as a stale page or a hand-made request would.</summary>
    private static async Task<HttpResponseMessage> PostReplyAsync(FormClient browser, object parentId, string body)
    {
        var form = await browser.GetFormAsync(WriteUrl, "form.comment-form");
        return await browser.Http.PostAsync(WriteUrl,
            new FormUrlEncodedContent(form.Values.Where(v => v.Key != "Body").Append(new("ReplyTo", parentId.ToString()!)).Append(new("Body", body))),
            TestContext.Current.CancellationToken);
    }

    private static async Task<int> Count(FormClient browser)
    {
        var page = await browser.GetPageAsync(DiscussionSite.Open);
        var title = page.QuerySelector("#comments-title")!.TextContent;
        return title == "No comments" ? 0 : int.Parse(title.Split(' ')[0]);
    }

    [Theory]
    [InlineData("", "AuthorName", "Write something before posting: the comment is empty.", "Body")]
    [InlineData("   \n ", "Ana", "Write something before posting: the comment is empty.", "Body")]
    public async Task EmptyBodyIsRefusedNextToTheFieldAndTheNameIsKept(string body, string name, string message, string field)
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(WriteUrl, "form.comment-form");

        using var response = await form.Set("AuthorName", name).Set("Body", body).SubmitAsync();

        var page = await browser.ReadPageAsync(response, expectedStatus: 400);
        Assert.Equal(message, page.QuerySelector($"[data-valmsg-for={field}]")!.TextContent);
        Assert.Equal(name, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#AuthorName")!.Value);
    }

    [Fact]
    public async Task BodyOverTheLimitIsRefusedAndTheTextStaysInTheForm()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(WriteUrl, "form.comment-form");
        var body = new string('x', 501) + " ending 😀";

        using var response = await form.Set("Body", body).SubmitAsync();

        var page = await browser.ReadPageAsync(response, expectedStatus: 400);
        Assert.StartsWith("The comment is 511 characters long; the limit is 500.", page.QuerySelector("[data-valmsg-for=Body]")!.TextContent);
        Assert.Equal(body, page.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#Body")!.Value);
    }

    [Fact]
    public async Task NameOverSixtyFourCharactersIsRefused()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(WriteUrl, "form.comment-form");

        using var response = await form.Set("AuthorName", new string('n', 65)).Set("Body", "Kept body").SubmitAsync();

        var page = await browser.ReadPageAsync(response, expectedStatus: 400);
        Assert.Equal("The name is 65 characters long; the limit is 64.", page.QuerySelector("[data-valmsg-for=AuthorName]")!.TextContent);
        Assert.Equal("Kept body", page.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#Body")!.Value);
    }

    [Fact]
    public async Task ReplyToACommentThatDoesNotExistIsRefused()
    {
        using var browser = site.Browser();
        using var response = await PostReplyAsync(browser, "987654", "orphan");

        var page = await browser.ReadPageAsync(response, expectedStatus: 422);
        Assert.Contains("The comment you are replying to does not exist.", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("orphan", page.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#Body")!.Value);
    }

    [Fact]
    public async Task ReplyToACommentOfAnotherArticleIsRefused()
    {
        using var browser = site.Browser();
        using var response = await PostReplyAsync(browser, site.OtherArticleCommentId.ToString(), "misplaced");

        var page = await browser.ReadPageAsync(response, expectedStatus: 422);
        Assert.Contains("belongs to another article", page.QuerySelector(".form-errors")!.TextContent);
    }

    [Fact]
    public async Task ReplyToADeletedCommentIsRefused()
    {
        using var browser = site.Browser();
        using var response = await PostReplyAsync(browser, site.DeletedCommentId.ToString(), "too late");

        var page = await browser.ReadPageAsync(response, expectedStatus: 409);
        Assert.Contains("has been deleted", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("too late", page.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#Body")!.Value);
    }

    [Fact]
    public async Task ClosedArticleShowsNoFormAndRefusesPosts()
    {
        using var browser = site.Browser();
        var page = await browser.GetPageAsync("/articles/closed-story/comment");
        var open = await browser.GetFormAsync(WriteUrl, "form.comment-form");

        using var response = await browser.Http.PostAsync("/articles/closed-story/comment",
            new FormUrlEncodedContent(open.Values.Where(v => v.Key != "Body").Append(new("Body", "let me in"))), TestContext.Current.CancellationToken);

        Assert.Null(page.QuerySelector("form.comment-form"));
        Assert.Equal("Comments are closed on this article.", page.QuerySelector(".comments-closed")!.TextContent);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Comments are closed on this article.",
            (await browser.GetPageAsync("/articles/closed-story")).QuerySelector(".comments-closed")!.TextContent);
    }

    [Fact]
    public async Task PostWithoutTheAntiforgeryTokenIsRefusedAndStoresNothing()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(WriteUrl, "form.comment-form");

        using var response = await form.Without("__RequestVerificationToken").Set("Body", "forged-comment-text").SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("forged-comment-text", (await browser.GetPageAsync(DiscussionSite.Open)).Body!.TextContent);
    }

    [Fact]
    public async Task UnknownArticleHasNoCommentForm()
    {
        using var browser = site.Browser();

        await browser.GetPageAsync("/articles/no-such-story/comment", expectedStatus: 404);
    }

    [Fact]
    public async Task CommentFormIsNeverServedFromThePageCache()
    {
        using var first = site.Browser();
        await first.GetPageAsync(WriteUrl);
        await first.GetPageAsync(WriteUrl);
        using var second = site.Browser();
        var form = await second.GetFormAsync(WriteUrl, "form.comment-form");

        using var response = await form.Set("Body", "Second browser, own token").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
