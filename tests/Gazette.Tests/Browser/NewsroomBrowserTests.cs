using Gazette.Media;
using System.Globalization;
using Gazette.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.Tests.Browser;

/// <summary>
/// The newsroom in a real browser, end to end: an author writes an article with an image and submits it, an editor
/// schedules it, its time comes and the publisher puts it on the home page, and the preview is the published story.
/// </summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed class NewsroomBrowserTests(NewsroomBrowserSite site) : IClassFixture<NewsroomBrowserSite>
{
    private const string Title = "Browsers write the news";

    [Fact]
    public async Task AnImageOverTheUploadLimitIsRefusedWhenChosenAndTheArticleSavesWithoutIt()
    {
        await using var author = await site.SignedInAsync(NewsroomBrowserSite.AuthorEmail);
        var page = author.Page;
        await page.GotoAsync("/admin/articles/new");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Too heavy a picture");
        await page.GetByLabel("Body", new() { Exact = true }).FillAsync("Words that must not be lost.");
        var file = page.GetByLabel("Image file");

        await file.SetInputFilesAsync(new FilePayload
        {
            Name = "huge.jpg", MimeType = "image/jpeg", Buffer = new byte[NewsroomBrowserSite.MaxUploadBytes + 1],
        });

        await Expect(page.Locator(".field:has(#Input_ImageFile) .field-error")).ToHaveTextAsync(ImageUploads.TooLarge(NewsroomBrowserSite.MaxUploadBytes));
        Assert.Equal(0, await file.EvaluateAsync<int>("input => input.files.length"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".form-done")).ToBeVisibleAsync();
        await Expect(page.Locator("#Input_Body")).ToHaveValueAsync("Words that must not be lost.");
        Assert.Empty(author.Errors);
    }

    [Fact]
    public async Task AnAuthorsSubmittedArticleIsScheduledByAnEditorAndPublishedOnTime()
    {
        // The author writes, with an image, previews in a new tab, and submits.
        await using var author = await site.SignedInAsync(NewsroomBrowserSite.AuthorEmail);
        var page = author.Page;
        await page.GotoAsync("/admin/articles/new");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(Title);
        await page.GetByLabel("Body", new() { Exact = true }).FillAsync("Written in **Chromium**.\n\nA second paragraph.");
        await page.GetByLabel("Image file").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Demo", "content", "images", "arcwright-open-sources-smallest-risc-core-1600.jpg"));
        await page.GetByLabel("Image description (alt text)").FillAsync("A tiny processor core");
        var preview = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync());
        await Expect(preview.Locator("article.story h1")).ToHaveTextAsync(Title);
        await Expect(preview.Locator(".story-body strong")).ToHaveTextAsync("Chromium");
        await preview.CloseAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page.Locator(".form-done")).ToHaveTextAsync("Submitted for review.");
        await Expect(page.Locator(".kept-image img")).ToBeVisibleAsync();
        var editorUrl = page.Url;

        // The editor finds it in the list and schedules it for an hour from now.
        await using var editor = await site.SignedInAsync(NewsroomBrowserSite.EditorEmail);
        var desk = editor.Page;
        await desk.GotoAsync("/admin/articles?status=Submitted");
        await desk.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Expect(desk).ToHaveURLAsync(editorUrl);
        var goesOut = site.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        await desk.GetByLabel("Publication time").FillAsync(goesOut.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await desk.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Expect(desk.Locator(".form-done")).ToContainTextAsync("Scheduled: it goes out on");
        await Expect(desk.Locator(".editor-status .status")).ToHaveTextAsync("Scheduled");

        // A reader does not see it yet; once its time has come and the publisher has run, it leads the home page.
        await using var reader = await site.NewPageAsync();
        await reader.Page.GotoAsync("/");
        await Expect(reader.Page.Locator(".article-list h2").First).ToHaveTextAsync("Yesterday's story");
        await site.AdvanceAndPublishAsync(TimeSpan.FromHours(1));
        await reader.Page.GotoAsync("/");
        await Expect(reader.Page.Locator(".article-list h2").First).ToHaveTextAsync(Title);
        await reader.Page.GetByRole(AriaRole.Link, new() { Name = Title }).First.ClickAsync();
        await Expect(reader.Page.Locator("article.story h1")).ToHaveTextAsync(Title);
        var image = reader.Page.Locator("article.story figure.featured-image img");
        await Expect(image).ToHaveAttributeAsync("alt", "A tiny processor core");
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The featured image did not load.");
        var published = await reader.Page.Locator("article.story").InnerHTMLAsync();

        // The editor's preview of the published article is the same story.
        await desk.GotoAsync(editorUrl + "/preview");
        await Expect(desk.Locator(".preview-banner")).ToContainTextAsync("Preview");
        Assert.Equal(published, await desk.Locator("article.story").InnerHTMLAsync());

        Assert.Empty(author.Errors.Concat(editor.Errors).Concat(reader.Errors));
    }
}
