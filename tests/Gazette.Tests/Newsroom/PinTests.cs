using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Newsroom;

/// <summary>Editors pin related articles and the "news of the week" of an article's page; the pins are checked.</summary>
public sealed class PinTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    [Fact]
    public async Task PinsAreStoredInTheOrderGivenAndShownBackInTheEditor()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Pinning story", "Publish now", fill: form => form
            .Set("Input.RelatedPins[0]", "middle-story").Set("Input.RelatedPins[1]", "/articles/older-story")
            .Set("Input.WeekPins[0]", "recent-story").Set("Input.WeekPins[2]", "older-story"));

        var pins = await site.WithDbAsync(db => db.ArticlePins.AsNoTracking().Where(p => p.ArticleId == id)
            .OrderBy(p => p.Kind).ThenBy(p => p.Position)
            .Join(db.Articles, p => p.PinnedArticleId, a => a.Id, (p, a) => new { p.Kind, p.Position, a.Slug }).ToListAsync());
        Assert.Equal([(PinKind.Related, 0, "middle-story"), (PinKind.Related, 1, "older-story"),
            (PinKind.NewsOfTheWeek, 0, "recent-story"), (PinKind.NewsOfTheWeek, 1, "older-story")], pins.Select(p => (p.Kind, p.Position, p.Slug)));
        var form = await editor.EditorFormAsync(id);
        Assert.Equal(["middle-story", "older-story", "", ""], Enumerable.Range(0, 4).Select(i => form[$"Input.RelatedPins[{i}]"]));
        Assert.Equal(["recent-story", "older-story", "", "", ""], Enumerable.Range(0, 5).Select(i => form[$"Input.WeekPins[{i}]"]));
    }

    [Fact]
    public async Task RecentArticlesAreOfferedToPick()
    {
        using var editor = await site.SignInAsEditorAsync();
        var page = await editor.GetPageAsync("/admin/articles/new");

        var offered = page.QuerySelectorAll("datalist#recent-articles option").Select(o => o.GetAttribute("value")).ToList();
        string[] seeded = ["recent-story", "middle-story", "older-story"];
        Assert.Equal(seeded, offered.Where(seeded.Contains)); // newest first, with what other tests published
        Assert.Equal("Recent story", page.QuerySelector("datalist#recent-articles option[value=recent-story]")!.TextContent);
        Assert.Equal("recent-articles", page.QuerySelector("input[name='Input.RelatedPins[0]']")!.GetAttribute("list"));
    }

    [Fact]
    public async Task PinsMustBeOtherPublishedArticlesEachOnce()
    {
        using var editor = await site.SignInAsEditorAsync();
        var draft = await editor.WriteAsync("Unpublished pin", "Save");
        var id = await editor.WriteAsync("Pins checked", "Publish now");
        var form = (await editor.EditorFormAsync(id))
            .Set("Input.RelatedPins[0]", "no-such-story").Set("Input.RelatedPins[1]", "pins-checked")
            .Set("Input.RelatedPins[2]", "unpublished-pin").Set("Input.WeekPins[0]", "older-story").Set("Input.WeekPins[1]", "older-story");

        var page = await editor.ReadPageAsync(await form.PressAsync("Save"));

        Assert.Equal("No published article has the address “no-such-story”.", page.FieldError("Input.RelatedPins[0]"));
        Assert.Equal("An article cannot be pinned on its own page.", page.FieldError("Input.RelatedPins[1]"));
        Assert.Equal("No published article has the address “unpublished-pin”.", page.FieldError("Input.RelatedPins[2]"));
        Assert.Null(page.FieldError("Input.WeekPins[0]"));
        Assert.Equal("“older-story” is pinned twice.", page.FieldError("Input.WeekPins[1]"));
        Assert.Equal("no-such-story", editor.Form(page, NewsroomForms.EditorForm)["Input.RelatedPins[0]"]);
        Assert.Empty(await site.WithDbAsync(db => db.ArticlePins.Where(p => p.ArticleId == id).ToListAsync()));
        Assert.NotEqual(0, draft);
    }

    [Fact]
    public async Task AuthorsDoNotPin()
    {
        using var author = await site.SignInAsAuthorAsync("pinless-author@example.com");
        var form = await author.NewArticleFormAsync();

        Assert.Null(form.Element.QuerySelector("[name='Input.RelatedPins[0]']"));
        Assert.Null(form.Element.QuerySelector("[name='Input.PublishAt']"));
    }
}
