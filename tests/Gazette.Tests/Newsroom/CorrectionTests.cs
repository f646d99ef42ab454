using System.Text.Json;
using System.Xml.Linq;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Newsroom;

/// <summary>
/// Issue 16, corrections and updates: an editor's dated notes at the foot of the article, in order and in the site's
/// time zone, the article marked modified in its JSON-LD and its feed entry, its cached page let go. The class has a
/// site of its own in New York, so the dates shown are not the UTC ones.
/// </summary>
public sealed class CorrectionTests(CorrectionTests.Site site) : IClassFixture<CorrectionTests.Site>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    public sealed class Site : NewsroomSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Site:TimeZone", "America/New_York")];
    }

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task NotesShowAtTheFootInOrderAndMarkTheArticleModifiedInItsJsonLdAndFeed()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Corrected later", "Publish now", "A figure: 12.");
        await site.GetPageAsync("/articles/corrected-later"); // now in the page cache
        site.Clock.Advance(TimeSpan.FromHours(2));

        var add = (await editor.GetFormAsync($"/admin/articles/{id}/notes", "form.note-add"))
            .Set("Input.Kind", "Correction").Set("Input.Text", "The figure was 21, not 12.");
        var done = await editor.FollowAsync(await add.SubmitAsync());
        // 14:00 UTC on March 10 is 10:00 in New York (daylight time began on March 8).
        Assert.Equal("Correction added, dated 2026-03-10 10:00 (America/New_York).", done.QuerySelector(".form-done")!.TextContent);
        var update = (await editor.GetFormAsync($"/admin/articles/{id}/notes", "form.note-add"))
            .Set("Input.Kind", "Update").Set("Input.Text", "The company has <b>replied</b>.").Set("Input.At", "2026-03-10T09:30");
        using (await update.SubmitAsync())
        {
        }

        var page = await site.GetPageAsync("/articles/corrected-later");
        var notes = page.QuerySelectorAll(".story-notes li").Select(li => string.Join(" ", li.TextContent.Split((char[])null!, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(
            ["Update, March 10, 2026 at 09:30: The company has <b>replied</b>.", "Correction, March 10, 2026 at 10:00: The figure was 21, not 12."],
            notes);
        Assert.Null(page.QuerySelector(".story-notes b"));
        using var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("2026-03-10T14:00:00Z", jsonLd.RootElement.GetProperty("dateModified").GetString());
        using var reader = site.CreateReader();
        var feed = XDocument.Parse(await reader.GetStringAsync("/feed/atom", Cancel));
        var entry = feed.Root!.Elements(Atom + "entry").Single(e => e.Element(Atom + "title")!.Value == "Corrected later");
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(entry.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AnEditorChangesAndRemovesANoteAndTheArticleSaysSo()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Noted then unnoted", "Publish now");
        using (await (await editor.GetFormAsync($"/admin/articles/{id}/notes", "form.note-add")).Set("Input.Text", "A first wording.").SubmitAsync())
        {
        }
        var notes = await editor.GetPageAsync($"/admin/articles/{id}/notes");

        using (await editor.Form(notes, "form.note-form").Set("Input.Text", "A better wording.").Set("Input.Kind", "Update").SubmitAsync())
        {
        }
        Assert.Contains("Update", (await site.GetPageAsync("/articles/noted-then-unnoted")).QuerySelector(".story-notes li")!.TextContent);
        Assert.Contains("A better wording.", (await site.GetPageAsync("/articles/noted-then-unnoted")).QuerySelector(".story-notes li")!.TextContent);

        using (await editor.Form(await editor.GetPageAsync($"/admin/articles/{id}/notes"), "form.note-remove").SubmitAsync())
        {
        }
        Assert.Null((await site.GetPageAsync("/articles/noted-then-unnoted")).QuerySelector(".story-notes"));
    }

    [Fact]
    public async Task ANoteWithoutTextOrDatedInTheFutureIsRefusedWithWhatWasTypedKept()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Badly noted", "Publish now");

        var empty = await editor.ReadPageAsync(await (await editor.GetFormAsync($"/admin/articles/{id}/notes", "form.note-add")).Set("Input.Text", " ").SubmitAsync());
        var future = await editor.ReadPageAsync(await (await editor.GetFormAsync($"/admin/articles/{id}/notes", "form.note-add"))
            .Set("Input.Text", "Typed with care.").Set("Input.At", "2027-01-01T10:00").SubmitAsync());

        Assert.Contains("Write what was corrected or what is new.", empty.QuerySelector(".form-errors")!.TextContent);
        Assert.Contains("That time is still to come", future.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("Typed with care.", future.QuerySelector("form.note-add textarea")!.TextContent);
        // Each message of the summary leads to the field it is about, in the form that was sent.
        foreach (var (page, field) in new[] { (empty, "textarea"), (future, "input[name='Input.At']") })
        {
            var target = page.QuerySelector(".form-errors a")!.GetAttribute("href")!;
            Assert.Same(page.QuerySelector($"form.note-add {field}"), page.GetElementById(target.TrimStart('#')));
        }
    }

    [Fact]
    public async Task AnAuthorCannotAddNotes()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Editors note this", "Publish now");
        using var author = await site.SignInAsAuthorAsync("note-author@example.com");

        using var response = await author.Http.GetAsync($"/admin/articles/{id}/notes", Cancel);

        await author.AssertDeniedAsync(response);
    }
}
