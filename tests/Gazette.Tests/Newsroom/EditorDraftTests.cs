using System.Net;
using System.Net.Http.Json;
using Gazette.Newsroom;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Newsroom;

/// <summary>
/// Issue 16: the editor's autosave keeps a server-side draft per person and article (not a revision, never public),
/// offers it back when it is newer than the last save, and forgets it once the article is saved.
/// </summary>
public sealed class EditorDraftTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    private static async Task<string> TokenAsync(FormClient staff, string page) =>
        (await staff.GetPageAsync(page)).QuerySelector("form.editor-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static async Task<HttpResponseMessage> SendDraftAsync(FormClient staff, string page, object draft)
    {
        var token = await TokenAsync(staff, page);
        using var request = new HttpRequestMessage(HttpMethod.Post, EditorDraftsApi.Path) { Content = JsonContent.Create(draft) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        return await staff.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AnAutosavedDraftIsOfferedOnReopeningAndRestoredIntoTheForm()
    {
        using var author = await site.SignInAsAuthorAsync("draft-author@example.com");
        var id = await author.WriteAsync("Drafted story", "Save draft", "The saved words.");
        site.Clock.Advance(TimeSpan.FromMinutes(5));

        using var saved = await SendDraftAsync(author, $"/admin/articles/{id}",
            new { articleId = id, title = "Drafted story, retitled", slug = "drafted-story", excerpt = "", body = "The saved words, and more typed since." });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var answer = await saved.Content.ReadFromJsonAsync<EditorDraftsApi.Saved>(TestContext.Current.CancellationToken);
        var clock = site.UtcNow.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(clock, answer!.Label);
        var editor = await author.GetPageAsync($"/admin/articles/{id}");
        var restore = editor.QuerySelector(".draft-offer a")!;
        Assert.Equal($"Restore the draft from {clock}", restore.TextContent.Trim());
        var restored = author.Form(await author.GetPageAsync($"/admin/articles/{id}{restore.GetAttribute("href")}"), NewsroomForms.EditorForm);
        Assert.Equal(("Drafted story, retitled", "The saved words, and more typed since."), (restored["Input.Title"], restored["Input.Body"]));
        Assert.Equal(1, await site.WithDbAsync(db => db.ArticleRevisions.CountAsync(r => r.ArticleId == id, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task SavingTheArticleClearsItsDraftAndNothingIsOfferedAfter()
    {
        using var author = await site.SignInAsAuthorAsync("draft-saver@example.com");
        var id = await author.WriteAsync("Saved over its draft", "Save draft");
        site.Clock.Advance(TimeSpan.FromMinutes(5));
        using (var draft = await SendDraftAsync(author, $"/admin/articles/{id}", new { articleId = id, title = "Saved over its draft", body = "Newer words." }))
        {
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        }

        await author.EditAsync(id, "Save draft", form => form.Set("Input.Body", "Newer words."));

        Assert.Null((await author.GetPageAsync($"/admin/articles/{id}")).QuerySelector(".draft-offer"));
        Assert.False(await site.WithDbAsync(db => db.EditorDrafts.AnyAsync(d => d.ArticleId == id, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task ANewArticlesDraftIsOfferedOnTheNewArticlePageAndClearedByItsFirstSave()
    {
        using var author = await site.SignInAsAuthorAsync("draft-newcomer@example.com");
        using (var draft = await SendDraftAsync(author, "/admin/articles/new",
            new { clientKey = "0f0e0d0c0b0a09080706050403020100", title = "Never saved", body = "Typed, then the tab closed." }))
        {
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        }

        var offer = (await author.GetPageAsync("/admin/articles/new")).QuerySelector(".draft-offer a")!;
        var page = await author.GetPageAsync("/admin/articles/new" + offer.GetAttribute("href"));
        var form = author.Form(page, NewsroomForms.EditorForm);
        Assert.Equal(("Never saved", "Typed, then the tab closed.", "0f0e0d0c0b0a09080706050403020100"), (form["Input.Title"], form["Input.Body"], form["Input.DraftKey"]));

        using var response = await form.PressAsync("Save draft");
        await NewsroomForms.SavedAsync(author, response);
        Assert.False(await site.WithDbAsync(db => db.EditorDrafts.AnyAsync(d => d.Key == "new-0f0e0d0c0b0a09080706050403020100", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task ADiscardedDraftIsNoLongerOffered()
    {
        using var author = await site.SignInAsAuthorAsync("draft-discarder@example.com");
        var id = await author.WriteAsync("Draft thrown away", "Save draft");
        site.Clock.Advance(TimeSpan.FromMinutes(5));
        using (var draft = await SendDraftAsync(author, $"/admin/articles/{id}", new { articleId = id, title = "Draft thrown away", body = "Second thoughts." }))
        {
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        }
        Assert.NotNull((await author.GetPageAsync($"/admin/articles/{id}")).QuerySelector(".draft-offer"));

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{EditorDraftsApi.Path}?articleId={id}");
        request.Headers.Add("X-CSRF-TOKEN", await TokenAsync(author, $"/admin/articles/{id}"));
        using var response = await author.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null((await author.GetPageAsync($"/admin/articles/{id}")).QuerySelector(".draft-offer"));
    }

    [Fact]
    public async Task AnotherAuthorsArticleHasNoDraftOfMine()
    {
        using var owner = await site.SignInAsAuthorAsync("draft-owner@example.com");
        var id = await owner.WriteAsync("Not yours to draft", "Save draft");
        using var other = await site.SignInAsAuthorAsync("draft-other@example.com");

        using var response = await SendDraftAsync(other, "/admin/articles/new", new { articleId = id, title = "Mine now", body = "No." });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await site.WithDbAsync(db => db.EditorDrafts.AnyAsync(d => d.ArticleId == id, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task ADraftWithoutTheAntiforgeryTokenOrWithATitleTooLongIsRefusedWithAProblem()
    {
        using var author = await site.SignInAsAuthorAsync("draft-refused@example.com");
        using var noToken = await author.Http.PostAsJsonAsync(EditorDraftsApi.Path, new { clientKey = "abcdefgh12345678", body = "x" }, TestContext.Current.CancellationToken);
        using var tooLong = await SendDraftAsync(author, "/admin/articles/new", new { clientKey = "abcdefgh12345678", title = new string('t', EditorInput.MaxTitleLength + 1) });
        using var noKey = await SendDraftAsync(author, "/admin/articles/new", new { clientKey = "../../x", body = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType!.MediaType);
        Assert.Contains("The title is longer than 300 characters", await tooLong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
    }
}
