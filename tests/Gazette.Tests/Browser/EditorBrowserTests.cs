using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Mail;
using Gazette.Tests.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace Gazette.Tests.Browser;

/// <summary>
/// Issue 16, writing: the Markdown editor with its toolbar, the live preview, autosave that survives a closed tab,
/// an image pasted into the body, the question before leaving unsaved changes, and axe on it all. Every test also
/// checks the console: a style CodeMirror writes that the Content-Security-Policy refused would show there.
/// </summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed partial class EditorBrowserTests(NewsroomBrowserSite site) : IClassFixture<NewsroomBrowserSite>
{
    private static ILocator Editor(IPage page) => page.Locator(".cm-content");

    /// <summary>The form's copy of the body, which the editor keeps in step and the form saves.</summary>
    private static ILocator BodyText(IPage page) => page.Locator("#Input_Body");

    private static ILocator Title(IPage page) => page.GetByLabel("Title", new() { Exact = true });

    private static ILocator Tool(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task TheToolbarAndItsShortcutsWriteMarkdownAndTheLivePreviewShowsIt()
    {
        await using var author = await site.SignedInAsync(NewsroomBrowserSite.AuthorEmail);
        var page = author.Page;
        await page.GotoAsync("/admin/articles/new");
        await Title(page).FillAsync("Written with the toolbar");
        await Editor(page).ClickAsync();

        await page.Keyboard.TypeAsync("Loud words");
        await page.Keyboard.PressAsync("Shift+Home");
        await Tool(page, "Bold").ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Control+i");
        await page.Keyboard.TypeAsync("soft");
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await Tool(page, "Quote").ClickAsync();
        await page.Keyboard.TypeAsync("A quote");
        await Tool(page, "Embed").ClickAsync();
        await page.Keyboard.TypeAsync("https://www.youtube.com/watch?v=dQw4w9WgXcQ");

        await Expect(BodyText(page)).ToHaveValueAsync("**Loud words**\n\n_soft_\n\n> A quote\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ");
        var preview = page.Locator(".live-preview-story .story-body");
        await Expect(preview.Locator("strong")).ToHaveTextAsync("Loud words");
        await Expect(preview.Locator("em")).ToHaveTextAsync("soft");
        await Expect(preview.Locator("blockquote")).ToContainTextAsync("A quote");
        await Expect(page.Locator(".live-preview-story h1")).ToHaveTextAsync("Written with the toolbar");
        await Tool(page, "Save draft").ClickAsync();
        await Expect(page.Locator(".form-done")).ToBeVisibleAsync();
        await Expect(BodyText(page)).ToHaveValueAsync(new Regex("^\\*\\*Loud words\\*\\*"));
        Assert.Empty(author.Errors);
    }

    [Fact]
    public async Task AnAutosavedDraftSurvivesAClosedTabAndIsRestored()
    {
        const string words = "Words typed just before the tab was closed.";
        await using var author = await site.SignedInAsync(NewsroomBrowserSite.AuthorEmail);
        var page = author.Page;
        await page.GotoAsync("/admin/articles/new");
        await Title(page).FillAsync("Kept by autosave");
        await Editor(page).ClickAsync();
        await page.Keyboard.TypeAsync(words);

        // A few seconds of quiet, and the draft is on the server: nothing left the page but the autosave.
        await MailWait.UntilAsync(() => site.WithDbAsync(db => db.EditorDrafts.AnyAsync(d => d.BodyMarkdown == words)), "the autosaved draft");
        await Expect(page.Locator(".autosave-status")).ToHaveTextAsync(new Regex("^Saved \\d\\d:\\d\\d$"));
        await page.CloseAsync();

        var again = await author.Context.NewPageAsync();
        await again.GotoAsync("/admin/articles/new");
        await again.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Restore the draft from \\d\\d:\\d\\d$") }).ClickAsync();

        await Expect(again.Locator(".cm-content")).ToHaveTextAsync(words);
        await Expect(again.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync("Kept by autosave");
        await again.GetByRole(AriaRole.Button, new() { Name = "Save draft", Exact = true }).ClickAsync();
        await Expect(again.Locator(".form-done")).ToBeVisibleAsync();
        Assert.False(await site.WithDbAsync(db => db.EditorDrafts.AnyAsync(d => d.BodyMarkdown == words)));
        Assert.Empty(author.Errors);
    }

    [Fact]
    public async Task SavingRightAfterTypingLeavesNoDraftBehindToOffer()
    {
        // Pressing "Save draft" takes the focus from the editor first. An autosave sent at that moment could reach the
        // server after the save had cleared the draft, and the next new article would offer text already saved.
        const string words = "Saved at once, with no pause for the autosave.";
        await using var author = await site.SignedInAsync(NewsroomBrowserSite.AuthorEmail);
        var page = author.Page;
        var autosaves = 0;
        page.Request += (_, request) => autosaves += request.Url.Contains(Gazette.Newsroom.EditorDraftsApi.Path) && request.PostData?.Contains(words) == true ? 1 : 0;
        await page.GotoAsync("/admin/articles/new");
        await Title(page).FillAsync("Saved straight away");
        await Editor(page).ClickAsync();
        await page.Keyboard.TypeAsync(words);
        await Tool(page, "Save draft").ClickAsync();
        await Expect(page.Locator(".form-done")).ToBeVisibleAsync();

        Assert.Equal(0, autosaves);
        Assert.False(await site.WithDbAsync(db => db.EditorDrafts.AnyAsync(d => d.BodyMarkdown == words)));
        await page.GotoAsync("/admin/articles/new");
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Restore the draft") })).ToHaveCountAsync(0);
        Assert.Empty(author.Errors);
    }

    /// <summary>A clipboard holding an image file, pasted into the editor as a browser does.</summary>
    private const string Paste = """
        base64 => {
          const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
          document.querySelector('.cm-content').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }
        """;

    [Fact]
    public async Task APastedImageNeedsItsAltTextAndShowsInThePreviewAndOnThePublishedPage()
    {
        await using var desk = await site.SignedInAsync(NewsroomBrowserSite.EditorEmail);
        var page = desk.Page;
        await page.GotoAsync("/admin/articles/new");
        await Title(page).FillAsync("A pasted picture");
        await Editor(page).ClickAsync();
        await page.Keyboard.TypeAsync("Before the picture.");

        await page.EvaluateAsync(Paste, Convert.ToBase64String(TestImages.Encode(1000, 600, SKEncodedImageFormat.Png, 16)));
        var dialog = page.Locator("dialog.image-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Insert" }).ClickAsync();
        await Expect(dialog.Locator("#image-alt-error")).ToHaveTextAsync("Describe the image for readers who cannot see it.");
        await dialog.GetByLabel("Description of the image (alt text)").FillAsync("A test card in colour");
        await dialog.GetByLabel("Caption (optional)").FillAsync("Pasted from the clipboard");
        await dialog.GetByLabel("Credit (optional)").FillAsync("Photo: The Desk");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Insert" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(BodyText(page)).ToHaveValueAsync(new Regex(
            "^Before the picture\\.\n\n!\\[A test card in colour\\]\\(/media/uploads/[0-9a-f]{32}-960\\.png \"Pasted from the clipboard \\| Photo: The Desk\"\\)$"));
        await LoadedAsync(page.Locator(".live-preview-story .story-body img[alt='A test card in colour']"));
        await Tool(page, "Publish now").ClickAsync();
        await Expect(page.Locator(".form-done")).ToBeVisibleAsync();

        await using var reader = await site.NewPageAsync();
        await reader.Page.GotoAsync("/articles/a-pasted-picture");
        await LoadedAsync(reader.Page.Locator("article.story .story-body img[alt='A test card in colour']"));
        // A figure: the caption and its credit under the picture.
        await Expect(reader.Page.Locator("article.story .story-body figure figcaption")).ToHaveTextAsync("Pasted from the clipboard Photo: The Desk");
        await Expect(reader.Page.Locator("article.story .story-body figure figcaption .credit")).ToHaveTextAsync("Photo: The Desk");
        Assert.Empty(desk.Errors.Concat(reader.Errors));
    }

    private static async Task LoadedAsync(ILocator image)
    {
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The image did not load.");
    }

    [Fact]
    public async Task LeavingWithUnsavedChangesAsksFirstAndSavingDoesNot()
    {
        await using var author = await site.SignedInAsync(NewsroomBrowserSite.AuthorEmail);
        var page = author.Page;
        await page.GotoAsync("/admin/articles/new");
        var asked = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Type);
            await dialog.DismissAsync(); // stay on the page
        };
        await Title(page).ClickAsync();
        await page.Keyboard.TypeAsync("Not saved yet");

        await page.Locator(".staff-nav a[href='/admin/articles']").ClickAsync();
        await MailWait.UntilAsync(() => Task.FromResult(asked.Count == 1), "the question before leaving");
        Assert.Equal("beforeunload", asked[0]);
        await Expect(Title(page)).ToHaveValueAsync("Not saved yet");

        await Tool(page, "Save draft").ClickAsync();
        await Expect(page.Locator(".form-done")).ToBeVisibleAsync();
        await page.Locator(".staff-nav a[href='/admin/articles']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/articles$"));
        Assert.Single(asked);
    }

    [Fact]
    public async Task TheEditorAndItsImageDialogPassAxeInBothSchemes()
    {
        var report = new StringBuilder();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var desk = await site.SignedInAsync(NewsroomBrowserSite.EditorEmail, scheme);
            var page = desk.Page;
            await page.GotoAsync("/admin/articles/new");
            await Title(page).FillAsync("Checked by axe");
            await Editor(page).ClickAsync();
            await page.Keyboard.TypeAsync("Some **words**.");
            await Expect(page.Locator(".live-preview-story strong")).ToHaveTextAsync("words");
            Describe(report, $"{scheme}: editor", await page.CheckAxeAsync(Options));
            await Tool(page, "Image").ClickAsync();
            await Expect(page.Locator("dialog.image-dialog")).ToBeVisibleAsync();
            Describe(report, $"{scheme}: image dialog", await page.CheckAxeAsync(Options));
        }
        Assert.True(report.Length == 0, $"axe found violations:\n{report}");
    }

    private static readonly AxeRunOptions Options = new() { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. AccessibilityBrowserTests.Tags] } };

    private static void Describe(StringBuilder report, string where, AxeResult result)
    {
        foreach (var violation in result.Violations)
        {
            report.AppendLine($"- {where}: {violation.Id} ({violation.Impact}) {violation.Help}");
            foreach (var node in violation.Nodes.Take(5))
            {
                report.AppendLine($"    {node.Target}: {node.Html}");
            }
        }
    }
}
