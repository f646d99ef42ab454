using System.Net;
using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Infrastructure;
using Gazette.Operations;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Operations;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Comments;

/// <summary>
/// Issue 15 follow-up, "nothing typed is lost", on the editors' picks: the note typed to feature a comment comes back
/// when the database is away (503), when the form's antiforgery token no longer holds (400), and when it is too long,
/// which a maxlength would have cut without a word.
/// </summary>
public sealed class PickFormKeepsTextTests(OperationsSite site) : IClassFixture<OperationsSite>, IDisposable
{
    private const string Typed = "Clear, fair <b>and</b> first-hand: read this one.\nSecond line & all.";

    [Fact]
    public async Task APickNoteSentWhileTheDatabaseIsAwayComesBackWithItsTextAndIsSavedWhenSentAgain()
    {
        using var moderator = await ModeratorAsync();
        var id = await CommentAsync("Picked during an outage.");
        var form = (await moderator.GetFormAsync(PickUrl(id), "form.pick-form")).Set("Note", Typed);
        site.DatabaseDown = true;

        using var refused = await form.SubmitAsync();

        var page = await moderator.ReadPageAsync(refused, 503);
        Assert.Equal(DatabaseOutageHandler.FormMessage, page.QuerySelector(".form-errors")!.TextContent);
        var again = moderator.Form(page, "form.outage-form");
        Assert.Equal(Typed, again["Note"]);
        site.DatabaseDown = false;
        using var sent = await again.PressAsync("Send again");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(Typed, await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.FeaturedNote).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task APickNoteWhoseTokenNoLongerHoldsComesBackWithItsText()
    {
        using var moderator = await ModeratorAsync();
        var id = await CommentAsync("Picked over a stale page.");
        var form = (await moderator.GetFormAsync(PickUrl(id), "form.pick-form")).Set("Note", Typed).Set(SentForm.AntiforgeryField, "no-longer-valid");
        moderator.Http.DefaultRequestHeaders.Add("Origin", "http://localhost");

        using var refused = await form.SubmitAsync();

        var page = await moderator.ReadPageAsync(refused, 400);
        Assert.Equal("Please send that again", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(Typed, moderator.Form(page, "form.resend-form")["Note"]);
    }

    [Fact]
    public async Task APickNoteOverTheLimitComesBackWholeAndNoMaxlengthCutsAPasteWithoutAWord()
    {
        using var moderator = await ModeratorAsync();
        var id = await CommentAsync("Picked with a long note.");
        var text = new string('p', Gazette.Comments.Comment.MaxFeaturedNoteLength + 25);
        var form = await moderator.GetFormAsync(PickUrl(id), "form.pick-form");
        Assert.False(form.Element.QuerySelector("textarea[name=Note]")!.HasAttribute("maxlength"));

        using var refused = await form.Set("Note", text).SubmitAsync();

        var again = moderator.Form(await moderator.ReadPageAsync(refused, 400), "form.pick-form");
        Assert.Equal(text, again["Note"]);
        Assert.Contains("at most 500 characters long; this one has 525", again.Element.QuerySelector(".field-error")!.TextContent);
    }

    private static string PickUrl(int id) => $"/admin/moderation/comments/{id}/pick";

    private Task<FormClient> ModeratorAsync() => site.SignInAsStaffAsync("picker@example.com", Roles.Moderator);

    private Task<int> CommentAsync(string body) => site.WithDbAsync(async db =>
    {
        var article = await db.Articles.SingleAsync(a => a.Slug == "calm-story", TestContext.Current.CancellationToken);
        var comment = Comment(article, "Commenter", body, GazetteFactory.Now.UtcDateTime.AddHours(-1));
        db.Comments.Add(comment);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return comment.Id;
    });

    public void Dispose() => site.DatabaseDown = false;
}
