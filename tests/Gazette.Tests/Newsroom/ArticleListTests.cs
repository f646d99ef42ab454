using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Newsroom;

/// <summary>/admin/articles: every article in any state, latest change first, filtered and paged.</summary>
public sealed class ArticleListTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    [Fact]
    public async Task EachRowTellsStatusTimeCommentsAndLinksWhereToGo()
    {
        using var editor = await site.SignInAsEditorAsync();
        var draft = await editor.WriteAsync("Listed draft", "Save");
        var list = await editor.GetPageAsync("/admin/articles?q=story");

        var recent = list.QuerySelectorAll("tr[data-article-id]").Single(r => r.QuerySelector(".title")!.TextContent.Trim() == "Recent story");
        Assert.Equal("Published", recent.QuerySelector(".status")!.TextContent.Trim());
        Assert.Equal("2026-03-09T12:00:00Z", recent.QuerySelectorAll("time")[0].GetAttribute("datetime"));
        Assert.Equal("2", recent.QuerySelector(".comments")!.TextContent.Trim());
        Assert.Equal(["Edit", "View", "Revisions"], recent.QuerySelectorAll(".actions a").Select(a => a.TextContent));
        Assert.Equal("/articles/recent-story", recent.QuerySelectorAll(".actions a")[1].GetAttribute("href"));

        var draftRow = (await editor.GetPageAsync("/admin/articles?q=listed")).QuerySelector($"tr[data-article-id='{draft}']")!;
        Assert.Equal($"/admin/articles/{draft}/preview", draftRow.QuerySelectorAll(".actions a")[1].GetAttribute("href"));
    }

    [Fact]
    public async Task FiltersByStatusAuthorAndWordsOfTheTitle()
    {
        using var editor = await site.SignInAsEditorAsync();
        await editor.WriteAsync("Filtered apple draft", "Save");
        await editor.WriteAsync("Filtered apple news", "Publish now");
        await editor.WriteAsync("Filtered pear news", "Publish now");
        var anaId = await site.WithDbAsync(db => Task.FromResult(db.Authors.Single(a => a.Slug == "ana-writer").Id));

        Assert.Equal(["Filtered apple news", "Filtered apple draft"], await TitlesAsync(editor, "/admin/articles?q=APPLE"));
        Assert.Equal(["Filtered pear news", "Filtered apple news"], await TitlesAsync(editor, "/admin/articles?q=filtered&status=Published"));
        Assert.Equal(["Recent story", "Middle story", "Older story"], await TitlesAsync(editor, $"/admin/articles?author={anaId}"));
        Assert.Empty(await TitlesAsync(editor, "/admin/articles?q=100%25"));
    }

    [Fact]
    public async Task ListIsPagedLatestChangeFirst()
    {
        using var editor = await site.SignInAsEditorAsync();
        for (var i = 1; i <= 22; i++)
        {
            await editor.WriteAsync($"Paged item {i}", "Save");
            site.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await TitlesAsync(editor, "/admin/articles?q=paged+item");
        var second = await editor.GetPageAsync("/admin/articles?q=paged%20item&page=2");

        Assert.Equal(Enumerable.Range(3, 20).Reverse().Select(i => $"Paged item {i}"), first);
        Assert.Equal(["Paged item 2", "Paged item 1"], second.QuerySelectorAll("td.title").Select(t => t.TextContent.Trim()));
        Assert.Equal("/admin/articles?q=paged%20item", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
    }

    private static async Task<List<string>> TitlesAsync(FormClient staff, string url) =>
        (await staff.GetPageAsync(url)).QuerySelectorAll("td.title").Select(t => t.TextContent.Trim()).ToList();
}
