using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Gazette.Articles;
using Gazette.Infrastructure;
using Gazette.Newsroom;
using Gazette.Operations;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Operations;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Newsroom;

/// <summary>
/// Issue 15 follow-up, "nothing typed is lost", in the newsroom: a correction or update typed on the notes page comes
/// back with its text when the database is away (503), when its antiforgery token no longer holds (400) and when it is
/// too long (a message on its field); the editor's autosave answers problem details while the database is away.
/// </summary>
public sealed class NewsroomFormKeepsTextTests(OperationsSite site) : IClassFixture<OperationsSite>, IDisposable
{
    private const string Typed = "The figure given was 12; it is 21.\nOur apologies <em>for</em> the slip & the confusion.";

    [Fact]
    public async Task ANoteSentWhileTheDatabaseIsAwayComesBackWithItsTextAndIsAddedWhenSentAgain()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await ArticleIdAsync();
        var form = (await editor.GetFormAsync($"/admin/articles/{id}/notes", "form.note-add")).Set("Input.Text", Typed);
        site.DatabaseDown = true;

        using var refused = await form.SubmitAsync();

        var page = await editor.ReadPageAsync(refused, 503);
        Assert.Equal(DatabaseOutageHandler.FormMessage, page.QuerySelector(".form-errors")!.TextContent);
        var again = editor.Form(page, "form.outage-form");
        Assert.Equal(Typed, again["Input.Text"]);
        site.DatabaseDown = false;
        using var sent = await again.PressAsync("Send again");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(1, await site.WithDbAsync(db => db.ArticleNotes.CountAsync(n => n.Text == Typed.Trim(), TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task ANoteWhoseTokenNoLongerHoldsComesBackWithItsText()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await ArticleIdAsync();
        var form = (await editor.GetFormAsync($"/admin/articles/{id}/notes", "form.note-add"))
            .Set("Input.Text", "Stale: " + Typed).Set(SentForm.AntiforgeryField, "no-longer-valid");
        editor.Http.DefaultRequestHeaders.Add("Origin", "http://localhost");

        using var refused = await form.SubmitAsync();

        var page = await editor.ReadPageAsync(refused, 400);
        Assert.Equal("Please send that again", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Stale: " + Typed, editor.Form(page, "form.resend-form")["Input.Text"]);
    }

    [Fact]
    public async Task ANoteOverTheLimitComesBackWholeWithAMessageOnItsFieldAndNoMaxlengthCutsAPaste()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await ArticleIdAsync();
        var text = new string('n', ArticleNote.MaxTextLength + 30);
        var form = await editor.GetFormAsync($"/admin/articles/{id}/notes", "form.note-add");
        Assert.False(form.Element.QuerySelector("textarea[name='Input.Text']")!.HasAttribute("maxlength"));

        using var refused = await form.Set("Input.Text", text).SubmitAsync();

        var page = await editor.ReadPageAsync(refused);
        var again = editor.Form(page, "form.note-add");
        Assert.Equal(text, again["Input.Text"]);
        Assert.Contains("2,030 characters long; the limit is 2,000", again.Element.QuerySelector(".field-error")!.TextContent);
    }

    [Fact]
    public async Task AnAutosaveWhileTheDatabaseIsAwayIsAnsweredWithProblemDetails503()
    {
        using var author = await site.SignInAsAuthorAsync("autosave-away@example.com");
        var token = (await author.GetPageAsync("/admin/articles/new")).QuerySelector("form.editor-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, EditorDraftsApi.Path)
        {
            Content = JsonContent.Create(new { clientKey = "abcdefgh12345678", title = "Away", body = "Typed while the database was away." }),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);
        site.DatabaseDown = true;

        using var response = await author.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(DatabaseOutageHandler.ApiMessage, problem.RootElement.GetProperty("detail").GetString());
    }

    private Task<int> ArticleIdAsync() =>
        site.WithDbAsync(db => db.Articles.Where(a => a.Slug == "calm-story").Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken));

    public void Dispose() => site.DatabaseDown = false;
}
