using AngleSharp.Dom;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Newsroom;

/// <summary>The preview is the public page's story, exactly; for a saved article in any state, or for unsaved edits.</summary>
public sealed class PreviewTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    private const string Body = "Opening paragraph with **bold**.\n\n{{news-of-the-week}}\n\nClosing paragraph.";

    [Fact]
    public async Task PreviewOfAPublishedArticleIsItsPublicStoryExactly()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Previewed story", "Publish now", Body, form => form
            .Set("Input.Tags", "Previews, Zebras")
            .Set("Input.Excerpt", "What a preview is.")
            .Set("Input.CategoryId", CategoryId("phones")));

        var preview = await editor.GetPageAsync($"/admin/articles/{id}/preview");
        var published = await site.GetPageAsync("/articles/previewed-story");

        Assert.Equal(Story(published), Story(preview));
        Assert.Contains("Previews", Story(preview)); // the story is really there, with the week's news in its body
        Assert.Equal("Recent story", preview.QuerySelector(".story-body .news-of-the-week li a")!.TextContent);
    }

    [Fact]
    public async Task PreviewOfADraftIsMarkedAndNeverIndexedOrCached()
    {
        using var author = await site.SignInAsAuthorAsync("preview-author@example.com");
        var id = await author.WriteAsync("Draft in preview", "Save draft", Body);

        using var response = await author.Http.GetAsync($"/admin/articles/{id}/preview", TestContext.Current.CancellationToken);
        var page = await author.ReadPageAsync(response);

        Assert.Equal("noindex, nofollow", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.StartsWith("Preview", page.QuerySelector(".preview-banner")!.TextContent.Trim());
        Assert.Equal("Draft in preview", page.QuerySelector("article.story h1")!.TextContent);
        Assert.Null(page.QuerySelector("#comments"));
        await site.GetPageAsync("/articles/draft-in-preview", 404);
    }

    [Fact]
    public async Task PreviewOfUnsavedEditsShowsThemWithoutSaving()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Saved words", "Publish now", "The saved body.");
        var form = (await editor.EditorFormAsync(id)).Set("Input.Title", "Words not saved").Set("Input.Body", "A *new* body.");

        var preview = await editor.ReadPageAsync(await form.PressAsync("Preview"));

        Assert.Equal("Words not saved", preview.QuerySelector("article.story h1")!.TextContent);
        Assert.Equal("new", preview.QuerySelector(".story-body em")!.TextContent);
        Assert.Contains("not saved", preview.QuerySelector(".preview-banner")!.TextContent);
        Assert.Equal("Saved words", (await site.GetPageAsync("/articles/saved-words")).QuerySelector("article.story h1")!.TextContent);
    }

    [Fact]
    public async Task PreviewOfUnsavedEditsRendersAsTheSavedArticleWill()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync()).Set("Input.Title", "Same either way").Set("Input.Body", Body)
            .Set("Input.Tags", "Alpha, beta").Set("Input.CategoryId", CategoryId("chips")).Set("Input.PublishAt", "2026-03-01T08:00");
        var unsaved = await editor.ReadPageAsync(await form.PressAsync("Preview"));

        using var response = await form.PressAsync("Publish now");
        await NewsroomForms.SavedAsync(editor, response);

        Assert.Equal(Story(await site.GetPageAsync("/articles/same-either-way")), Story(unsaved));
    }

    private string CategoryId(string slug) =>
        site.WithDbAsync(db => Task.FromResult(db.Categories.Single(c => c.Slug == slug).Id)).Result.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Story(IDocument page) => page.QuerySelector("article.story")!.InnerHtml;
}
