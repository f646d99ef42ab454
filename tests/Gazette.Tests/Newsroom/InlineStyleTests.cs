using Gazette.Tests.Core;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Newsroom;

/// <summary>
/// An article body's inline style reaches neither the preview nor the public page: an Author's link styled to cover
/// the whole screen was stopped only by the Content-Security-Policy (issue 11).
/// </summary>
public sealed class InlineStyleTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    [Fact]
    public async Task TheUnsavedPreviewShowsNoInlineStyle()
    {
        using var author = await site.SignInAsAuthorAsync("style-author@example.com");
        var form = (await author.NewArticleFormAsync()).Set("Input.Title", "Overlay preview").Set("Input.Body", ArticleMarkdownTests.Overlay);

        var preview = await author.ReadPageAsync(await form.PressAsync("Preview"));

        Assert.NotNull(preview.QuerySelector(".story-body a[href='https://example.org/']"));
        Assert.Empty(preview.QuerySelectorAll(".story-body [style]"));
    }

    [Fact]
    public async Task TheSavedPreviewAndThePublicPageShowNoInlineStyle()
    {
        using var author = await site.SignInAsAuthorAsync("style-author@example.com");
        var id = await author.WriteAsync("Overlay story", "Submit for review", ArticleMarkdownTests.Overlay);
        using var editor = await site.SignInAsEditorAsync();
        await editor.EditAsync(id, "Publish now");

        var preview = await author.GetPageAsync($"/admin/articles/{id}/preview");
        var published = await site.GetPageAsync("/articles/overlay-story");

        Assert.NotNull(published.QuerySelector(".story-body a[href='https://example.org/']"));
        Assert.Empty(published.QuerySelectorAll(".story-body [style]"));
        Assert.Empty(preview.QuerySelectorAll(".story-body [style]"));
    }
}
