using System.Net;
using AngleSharp.Dom;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Comments;

/// <summary>Editing and deleting one's own comment: guests through their cookie, within the rules.</summary>
public sealed class AuthorActionsTests(DiscussionSite site) : IClassFixture<DiscussionSite>
{
    private const string Slug = "open-story";

    [Fact]
    public async Task AuthorSeesEditAndDeleteOnTheirOwnCommentOnly()
    {
        using var author = site.Browser();
        using var stranger = site.Browser();
        var id = await PostAsync(author, "Mine to change");
        await PostAsync(stranger, "A stranger's");

        var authorsView = await author.GetPageAsync(DiscussionSite.Open);
        var strangersView = await stranger.GetPageAsync(DiscussionSite.Open);

        Assert.NotNull(authorsView.QuerySelector($"#comment-{id} a.edit"));
        Assert.NotNull(authorsView.QuerySelector($"#comment-{id} a.delete"));
        Assert.Null(strangersView.QuerySelector($"#comment-{id} a.edit"));
        Assert.Null(strangersView.QuerySelector($"#comment-{id} a.delete"));
    }

    [Fact]
    public async Task EditWithinTheWindowIsMarkedAndKeepsThePreviousVersion()
    {
        using var author = site.Browser();
        var id = await PostAsync(author, "Frist!");
        var form = await author.GetFormAsync($"/comments/{id}/edit", "form.comment-form");

        using var saved = await form.Set("Body", "First!").SubmitAsync();
        var page = await author.GetPageAsync(DiscussionSite.Open);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("First!", page.QuerySelector($"#comment-{id} .comment-text")!.TextContent);
        Assert.Equal("edited", page.QuerySelector($"#comment-{id} .comment-edited")!.TextContent);
        var revisions = await site.WithDbAsync(db => db.CommentRevisions.Where(r => r.CommentId == id).Select(r => r.Body).ToListAsync());
        Assert.Equal(["Frist!"], revisions);
    }

    [Fact]
    public async Task EditAfterTheWindowIsRefused()
    {
        using var author = site.Browser();
        var id = await PostAsync(author, "Old news");
        await site.WithDbAsync(async db =>
        {
            await db.Comments.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.CreatedAt, c => c.CreatedAt.AddMinutes(-16)));
        });

        var page = await author.GetPageAsync($"/comments/{id}/edit", expectedStatus: 409);
        var token = (await author.GetFormAsync($"{DiscussionSite.Open}/comment", "form.comment-form"))["__RequestVerificationToken"]!;
        using var response = await author.Http.PostAsync($"/comments/{id}/edit",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Body", "sneaky")]), TestContext.Current.CancellationToken);

        Assert.Contains("15 minutes", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Null(page.QuerySelector("form.comment-form"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Old news", await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.Body).SingleAsync()));
    }

    [Fact]
    public async Task SomeoneElsesCommentCannotBeEditedOrDeleted()
    {
        using var author = site.Browser();
        using var stranger = site.Browser();
        var id = await PostAsync(author, "Hands off");

        var edit = await stranger.GetPageAsync($"/comments/{id}/edit", expectedStatus: 403);
        var delete = await stranger.GetPageAsync($"/comments/{id}/delete", expectedStatus: 403);

        Assert.Contains("Only the author", edit.QuerySelector(".form-errors")!.TextContent);
        Assert.Null(delete.QuerySelector("main form"));
    }

    [Fact]
    public async Task DeletedCommentWithRepliesLeavesAPlaceholderAndTheCountFollows()
    {
        using var author = site.Browser();
        using var replier = site.Browser();
        var id = await PostAsync(author, "About to vanish");
        var replyId = await PostAsync(replier, "Answer stays", replyTo: id);
        var before = await CountAsync(author);

        var form = await author.GetFormAsync($"/comments/{id}/delete", "main form");
        using var deleted = await form.SubmitAsync();
        var page = await author.GetPageAsync(DiscussionSite.Open);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("Comment deleted", page.QuerySelector($"#comment-{id} .comment-placeholder")!.TextContent);
        Assert.DoesNotContain("About to vanish", page.QuerySelector("#comments")!.TextContent);
        Assert.NotNull(page.QuerySelector($"#comment-{id} #comment-{replyId}"));
        Assert.Equal(before - 1, await CountAsync(author));
    }

    [Fact]
    public async Task DeletedCommentWithoutRepliesDisappears()
    {
        using var author = site.Browser();
        var id = await PostAsync(author, "Short-lived");

        var form = await author.GetFormAsync($"/comments/{id}/delete", "main form");
        using var _ = await form.SubmitAsync();
        var page = await author.GetPageAsync(DiscussionSite.Open);

        Assert.Null(page.GetElementById($"comment-{id}"));
    }

    [Fact]
    public async Task ApiEditAndDeleteFollowTheSameRules()
    {
        using var author = site.Script("198.51.100.1");
        using var stranger = site.Script("198.51.100.2");
        var id = await author.CommentAsync(Slug, "Via the API");

        using var strangersEdit = await stranger.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{id}", new { body = "hijack" });
        using var emptyEdit = await author.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{id}", new { body = "" });
        using var edit = await author.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{id}", new { body = "Via the API, fixed" });
        using var delete = await author.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{id}");
        using var again = await author.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, strangersEdit.StatusCode);
        Assert.Equal("application/problem+json", strangersEdit.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, emptyEdit.StatusCode);
        Assert.True((await ApiClient.JsonAsync(emptyEdit)).GetProperty("errors").TryGetProperty("body", out _));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task AGuestsCookieNamesThemAtEveryRequestAndATamperedCopyNamesNobody()
    {
        // Issue 11: an opened guest cookie is remembered; only one that opened may be.
        using var http = site.CreateDefaultClient();
        using var issued = await http.GetAsync("/api/v1/antiforgery", TestContext.Current.CancellationToken);
        var token = (await ApiClient.JsonAsync(issued)).GetProperty("token").GetString()!;
        var antiforgery = Cookies(issued).Single();
        using var posted = await Send(HttpMethod.Post, $"/api/v1/articles/{Slug}/comments", antiforgery, "Kept by my cookie");
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (await ApiClient.JsonAsync(posted)).GetProperty("id").GetInt32();
        var guest = Cookies(posted).Single(c => c.StartsWith("gazette_reader=", StringComparison.Ordinal));
        var value = guest["gazette_reader=".Length..];
        var middle = value.Length / 2;
        var tampered = "gazette_reader=" + value[..middle] + (value[middle] == 'A' ? 'B' : 'A') + value[(middle + 1)..];

        using var first = await Send(HttpMethod.Patch, $"/api/v1/comments/{id}", $"{antiforgery}; {guest}", "Kept by my cookie, once");
        using var forged = await Send(HttpMethod.Patch, $"/api/v1/comments/{id}", $"{antiforgery}; {tampered}", "Taken by a forger");
        using var again = await Send(HttpMethod.Patch, $"/api/v1/comments/{id}", $"{antiforgery}; {guest}", "Kept by my cookie, twice");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("Kept by my cookie, twice", await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.Body).SingleAsync()));

        static IEnumerable<string> Cookies(HttpResponseMessage response) =>
            response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);

        Task<HttpResponseMessage> Send(HttpMethod method, string url, string cookies, string body)
        {
            var request = new HttpRequestMessage(method, url) { Content = System.Net.Http.Json.JsonContent.Create(new { body }) };
            request.Headers.Add("Cookie", cookies);
            request.Headers.Add("X-CSRF-TOKEN", token);
            return http.SendAsync(request, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<int> PostAsync(FormClient browser, string body, int? replyTo = null)
    {
        var url = $"{DiscussionSite.Open}/comment" + (replyTo is null ? "" : $"?replyTo={replyTo}");
        var form = await browser.GetFormAsync(url, "form.comment-form");
        using var posted = await form.Set("Body", body).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return int.Parse(posted.Headers.Location!.OriginalString.Split('/').Last());
    }

    private static async Task<int> CountAsync(FormClient browser)
    {
        var title = (await browser.GetPageAsync(DiscussionSite.Open)).QuerySelector("#comments-title")!.TextContent;
        return title == "No comments" ? 0 : int.Parse(title.Split(' ')[0]);
    }
}
