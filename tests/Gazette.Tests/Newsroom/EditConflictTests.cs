using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Newsroom;

/// <summary>
/// Issue 16, "two editors, one article": a save made from a form opened before someone else's save is refused with
/// what they changed shown and the text kept; and the editor says who else has the article open.
/// </summary>
public sealed class EditConflictTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASaveOverAVersionSomeoneElseSavedMeanwhileIsRefusedWithTheirChangesShownAndTheTextKept()
    {
        using var first = await site.SignInAsEditorAsync();
        using var second = await site.SignInAsStaffAsync("second-editor@example.com", Roles.Editor);
        var id = await first.WriteAsync("Two hands on it", "Save", "The first line.\n\nThe second line.");
        var firstForm = (await first.EditorFormAsync(id)).Set("Input.Body", "The first line, by the first editor.\n\nThe second line.");
        var secondForm = (await second.EditorFormAsync(id)).Set("Input.Body", "The first line.\n\nThe second line, by the second editor.");
        using (var saved = await firstForm.PressAsync("Save"))
        {
            await NewsroomForms.SavedAsync(first, saved);
        }

        using var refused = await secondForm.PressAsync("Save");

        var page = await second.ReadPageAsync(refused);
        var error = page.QuerySelector(".form-errors")!.TextContent;
        Assert.Contains("Not saved: editor saved this article at 2026-03-10 ", error);
        Assert.Contains("after you opened it. What they changed is shown below and your text is still in the form", error);
        Assert.Equal("The first line.\n\nThe second line, by the second editor.", page.QuerySelector("textarea[name='Input.Body']")!.TextContent.Trim());
        var body = page.QuerySelector(".edit-conflict .diff[data-field='Body']")!;
        Assert.Equal("The first line.", body.QuerySelector(".removed del")!.TextContent);
        Assert.Equal("The first line, by the first editor.", body.QuerySelector(".added ins")!.TextContent);
        Assert.Equal("The first line, by the first editor.\n\nThe second line.",
            await site.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.BodyMarkdown).SingleAsync(Cancel)));

        // Having seen their change, the second editor brings it in and saves: the form now counts from that version.
        using var again = await second.Form(page, NewsroomForms.EditorForm)
            .Set("Input.Body", "The first line, by the first editor.\n\nThe second line, by the second editor.").PressAsync("Save");
        await NewsroomForms.SavedAsync(second, again);
        Assert.Equal("The first line, by the first editor.\n\nThe second line, by the second editor.",
            await site.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.BodyMarkdown).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task SavingTwiceFromOnesOwnFreshFormsIsNeverAConflict()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Saved again and again", "Save");

        await editor.EditAsync(id, "Save", form => form.Set("Input.Body", "Second."));
        await editor.EditAsync(id, "Publish now", form => form.Set("Input.Body", "Third."));

        Assert.Equal("Third.", await site.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.BodyMarkdown).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task TheEditorSaysWhoElseHasTheArticleOpenUntilTheyLeave()
    {
        using var first = await site.SignInAsEditorAsync();
        using var second = await site.SignInAsStaffAsync("present-editor@example.com", Roles.Editor);
        var id = await first.WriteAsync("Who else is here", "Save");
        var alone = await first.GetPageAsync($"/admin/articles/{id}");
        Assert.Equal("", alone.QuerySelector(".editor-presence")!.TextContent.Trim());

        var secondPage = await second.GetPageAsync($"/admin/articles/{id}");
        Assert.Equal("editor also has this article open.", secondPage.QuerySelector(".editor-presence")!.TextContent.Trim());
        Assert.Equal(["present-editor"], await BeatAsync(first, alone, id));

        using (await Post(second, secondPage, $"/admin/articles/{id}?handler=leave"))
        {
        }
        Assert.Empty(await BeatAsync(first, alone, id));
    }

    [Fact]
    public async Task SomeoneNotHeardFromForAMinuteHasLeft()
    {
        using var first = await site.SignInAsEditorAsync();
        using var second = await site.SignInAsStaffAsync("quiet-editor@example.com", Roles.Editor);
        var id = await first.WriteAsync("Quiet presence", "Save");
        var page = await first.GetPageAsync($"/admin/articles/{id}");
        await second.GetPageAsync($"/admin/articles/{id}");
        Assert.Equal(["quiet-editor"], await BeatAsync(first, page, id));

        site.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Empty(await BeatAsync(first, page, id));
    }

    private static async Task<string[]> BeatAsync(FormClient staff, AngleSharp.Dom.IDocument page, int id)
    {
        using var response = await Post(staff, page, $"/admin/articles/{id}?handler=presence");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return answer.GetProperty("others").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    /// <summary>What presence.js sends: the editor form's antiforgery token, nothing else.</summary>
    private static Task<HttpResponseMessage> Post(FormClient staff, AngleSharp.Dom.IDocument page, string url)
    {
        var token = page.QuerySelector("form.editor-form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return staff.Http.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Cancel);
    }
}
