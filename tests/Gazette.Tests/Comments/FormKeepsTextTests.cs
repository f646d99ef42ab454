using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Comments;

/// <summary>
/// Issue 15, "nothing typed is lost", through the HTML form: a text too long, a huge field, a NUL, an edit sent after
/// its window closed, each comes back as the form with the text in it (as far as it can be kept, saying so) and a
/// message next to the field, never a generic error page. DiscussionSite allows 500 characters a comment.
/// </summary>
public sealed class FormKeepsTextTests(DiscussionSite site) : IClassFixture<DiscussionSite>
{
    private const string Slug = "open-story";
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheCommentFormHasNoMaxlengthThatWouldCutAPasteWithoutAWord()
    {
        using var reader = site.Browser();

        var form = await reader.GetFormAsync($"{DiscussionSite.Open}/comment", "form.comment-form");

        var body = form.Element.QuerySelector<IHtmlTextAreaElement>("textarea[name=Body]")!;
        Assert.False(body.HasAttribute("maxlength"));
        Assert.Equal("500", body.GetAttribute("data-max-length"));
        Assert.False(form.Element.QuerySelector("[name=AuthorName]")!.HasAttribute("maxlength"));
    }

    [Fact]
    public async Task ACommentOverTheLimitIsRefusedWithAllOfItsTextKept()
    {
        using var reader = site.Browser();
        var text = new string('x', 525);
        var form = await reader.GetFormAsync($"{DiscussionSite.Open}/comment", "form.comment-form");

        using var response = await form.Set("AuthorName", "Long Writer").Set("Body", text).SubmitAsync();

        var again = reader.Form(await reader.ReadPageAsync(response, 400), "form.comment-form");
        Assert.Equal(text, again["Body"]);
        Assert.Equal("Long Writer", again["AuthorName"]);
        Assert.Contains("525 characters long; the limit is 500", again.Element.QuerySelector("#Body ~ .field-error")!.TextContent);
    }

    [Fact]
    public async Task AFiveMegabyteCommentThroughTheFormComesBackWithItsStartAndSaysWhatWasKept()
    {
        using var reader = site.Browser();
        var text = string.Concat(Enumerable.Repeat("A very long paste. ", 5 * 1024 * 1024 / 19 + 1));
        var form = await reader.GetFormAsync($"{DiscussionSite.Open}/comment", "form.comment-form");

        using var response = await form.Set("AuthorName", "Paster").Set("Body", text).SubmitAsync();

        var again = reader.Form(await reader.ReadPageAsync(response, 400), "form.comment-form");
        Assert.Equal(text[..CommentForms.EchoLimit], again["Body"]);
        Assert.Equal("Paster", again["AuthorName"]);
        var error = again.Element.QuerySelector("#Body ~ .field-error")!.TextContent;
        Assert.Contains($"{text.Length:N0} characters long; the limit is 500", error);
        Assert.Contains($"Only the first 100,000 of the {text.Length:N0} characters sent are shown here", error);
        Assert.Equal(0, await CountByAsync("Paster"));
    }

    [Fact]
    public async Task AHundredKilobyteNameThroughTheFormComesBackWithTheCommentAndAMessageOnTheName()
    {
        using var reader = site.Browser();
        var name = new string('N', 100 * 1024);
        var form = await reader.GetFormAsync($"{DiscussionSite.Open}/comment", "form.comment-form");

        using var response = await form.Set("AuthorName", name).Set("Body", "Worth keeping, whatever the name.").SubmitAsync();

        var again = reader.Form(await reader.ReadPageAsync(response, 400), "form.comment-form");
        Assert.Equal("Worth keeping, whatever the name.", again["Body"]);
        Assert.Equal(name[..CommentForms.EchoLimit], again["AuthorName"]);
        var error = again.Element.QuerySelector("#AuthorName ~ .field-error")!.TextContent;
        Assert.Contains("The name is 102400 characters long; the limit is 64", error);
        Assert.Contains("Only the first 100,000 of the 102,400 characters sent are shown here", error);
    }

    [Theory]
    [InlineData("Body")]
    [InlineData("AuthorName")]
    public async Task ANulThroughTheFormComesBackWithTheTextLessTheNulAndSaysWhy(string field)
    {
        using var reader = site.Browser();
        var form = await reader.GetFormAsync($"{DiscussionSite.Open}/comment", "form.comment-form");
        form.Set("AuthorName", "Nul Writer").Set("Body", "A comment with a NUL.").Set(field, form[field] + "\0!");

        using var response = await form.SubmitAsync();

        var page = await reader.ReadPageAsync(response, 400);
        var again = reader.Form(page, "form.comment-form");
        Assert.Equal(field == "Body" ? "A comment with a NUL.!" : "A comment with a NUL.", again["Body"]);
        Assert.Equal(field == "AuthorName" ? "Nul Writer!" : "Nul Writer", again["AuthorName"]);
        Assert.Contains("NUL", again.Element.QuerySelector($"#{field} ~ .field-error")!.TextContent);
    }

    [Fact]
    public async Task AFiveMegabyteEditComesBackWithItsStartInTheEditForm()
    {
        using var author = site.Browser();
        var id = await PostAsync(author, "Soon to be rewritten at length.");
        var text = new string('y', 5 * 1024 * 1024);
        var form = await author.GetFormAsync($"/comments/{id}/edit", "form.comment-form");

        using var response = await form.Set("Body", text).SubmitAsync();

        var again = author.Form(await author.ReadPageAsync(response, 400), "form.comment-form");
        Assert.Equal($"/comments/{id}/edit", again.Action);
        Assert.Equal(text[..CommentForms.EchoLimit], again["Body"]);
        Assert.Contains("Only the first 100,000", again.Element.QuerySelector("#Body ~ .field-error")!.TextContent);
    }

    [Fact]
    public async Task TheEditFormShowsTheTimeLeftToEdit()
    {
        using var author = site.Browser();
        var id = await PostAsync(author, "Edit me while you can.");
        await AgeAsync(id, TimeSpan.FromMinutes(3.5));

        var page = await author.GetPageAsync($"/comments/{id}/edit");

        var left = page.QuerySelector("form.comment-form .edit-time-left")!;
        Assert.Equal("Time left to edit: 12 minutes.", left.TextContent);
        var createdAt = await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.CreatedAt).SingleAsync(Cancel));
        Assert.Equal(Gazette.Infrastructure.DisplayDates.Machine(createdAt.AddMinutes(15)), left.GetAttribute("data-until"));
    }

    [Fact]
    public async Task AnEditSentAfterTheWindowClosedComesBackWithTheRewriteAndOffersToPostItAsANewReply()
    {
        // Issue 15: it came back with only the old text.
        using var author = site.Browser();
        var id = await PostAsync(author, "First thoughts.", name: "Late Editor");
        var form = (await author.GetFormAsync($"/comments/{id}/edit", "form.comment-form")).Set("Body", "Second thoughts, better ones.");
        await AgeAsync(id, TimeSpan.FromMinutes(16));

        using var late = await form.SubmitAsync();

        var page = await author.ReadPageAsync(late, 409);
        Assert.Contains("15 minutes", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Contains("Your rewrite has not been saved", page.QuerySelector(".form-errors")!.TextContent);
        var offer = author.Form(page, "form.comment-form");
        Assert.Equal("Second thoughts, better ones.", offer["Body"]);
        Assert.Equal($"/articles/{Slug}/comment?replyTo={id}", offer.Action);
        using var posted = await offer.PressAsync("Post as a new reply");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var replyId = int.Parse(posted.Headers.Location!.OriginalString.Split('/').Last());
        var (parent, body, name, original) = await site.WithDbAsync(async db =>
        {
            var reply = await db.Comments.SingleAsync(c => c.Id == replyId);
            return (reply.ParentId, reply.Body, reply.AuthorName, await db.Comments.Where(c => c.Id == id).Select(c => c.Body).SingleAsync());
        });
        Assert.Equal((id, "Second thoughts, better ones.", "Late Editor", "First thoughts."), (parent, body, name, original));
    }

    [Fact]
    public async Task AnEditSentAfterTheWindowThroughTheScriptComesBackAsTheSameOffer()
    {
        using var author = site.Browser();
        var id = await PostAsync(author, "Script thoughts.");
        var form = (await author.GetFormAsync($"/comments/{id}/edit", "form.comment-form")).Set("Body", "Script rewrite.");
        await AgeAsync(id, TimeSpan.FromMinutes(20));
        author.Http.DefaultRequestHeaders.Add(CommentForms.ScriptHeader, "1");

        using var late = await form.SubmitAsync();

        var offer = author.Form(await author.ReadPageAsync(late, 409), "form.comment-form");
        Assert.Equal("Script rewrite.", offer["Body"]);
        Assert.Equal("Post as a new reply", offer.Element.QuerySelector("button[type=submit]")!.TextContent);
    }

    private Task AgeAsync(int id, TimeSpan by) => site.WithDbAsync(async db =>
    {
        var createdAt = site.Clock.GetUtcNow().UtcDateTime - by;
        await db.Comments.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.CreatedAt, createdAt), Cancel);
    });

    private Task<int> CountByAsync(string name) => site.WithDbAsync(db => db.Comments.CountAsync(c => c.AuthorName == name, Cancel));

    private static async Task<int> PostAsync(FormClient browser, string body, string? name = null)
    {
        var form = await browser.GetFormAsync($"{DiscussionSite.Open}/comment", "form.comment-form");
        if (name is not null)
        {
            form.Set("AuthorName", name);
        }
        using var posted = await form.Set("Body", body).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return int.Parse(posted.Headers.Location!.OriginalString.Split('/').Last());
    }
}
