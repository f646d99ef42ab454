using System.Text.Json;
using System.Xml.Linq;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Newsroom;

/// <summary>Issue 16: several bylines per article, in order, everywhere the article is named; an Author on any of them may edit it.</summary>
public sealed class BylineTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task AnArticleWithThreeBylinesNamesThemInOrderOnItsPageListsJsonLdAndFeed()
    {
        using var editor = await site.SignInAsEditorAsync();
        var (ana, sam, li) = await site.WithDbAsync(async db =>
        {
            var sam = new Author { Name = "Sam Cho", Slug = "sam-cho" };
            var li = new Author { Name = "Li Wei", Slug = "li-wei" };
            db.Authors.AddRange(sam, li);
            await db.SaveChangesAsync(Cancel);
            return (await db.Authors.Where(a => a.Name == "Ana Writer").Select(a => a.Id).SingleAsync(Cancel), sam.Id, li.Id);
        });

        await editor.WriteAsync("Written by three", "Publish now", "Together.", form => form
            .Set("Input.AuthorId", sam.ToString()).Set("Input.MoreAuthorIds[0]", ana.ToString()).Set("Input.MoreAuthorIds[1]", li.ToString()));

        var page = await site.GetPageAsync("/articles/written-by-three");
        Assert.Equal("By Sam Cho, Ana Writer and Li Wei", Words(page.QuerySelector(".byline")!.TextContent.Split('·')[0]));
        Assert.Equal(["/author/sam-cho", "/author/ana-writer", "/author/li-wei"], page.QuerySelectorAll(".byline a[rel=author]").Select(a => a.GetAttribute("href")!));
        using var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal(["Sam Cho", "Ana Writer", "Li Wei"], jsonLd.RootElement.GetProperty("author").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        var home = await site.GetPageAsync("/");
        var card = home.QuerySelectorAll(".article-list article").Single(a => a.TextContent.Contains("Written by three"));
        Assert.Equal("By Sam Cho, Ana Writer and Li Wei", Words(card.QuerySelector(".meta")!.TextContent.Split('·')[0]));
        using var reader = site.CreateReader();
        var entry = XDocument.Parse(await reader.GetStringAsync("/feed/atom", Cancel)).Root!.Elements(Atom + "entry")
            .Single(e => e.Element(Atom + "title")!.Value == "Written by three");
        Assert.Equal(["Sam Cho", "Ana Writer", "Li Wei"], entry.Elements(Atom + "author").Select(a => a.Element(Atom + "name")!.Value));
        // The second byline's archive and feed have it too.
        Assert.Contains("Written by three", (await site.GetPageAsync("/author/li-wei")).Body!.TextContent);
        Assert.Contains("Written by three", await reader.GetStringAsync("/author/li-wei/feed", Cancel));
    }

    [Fact]
    public async Task AnAuthorWhoIsTheSecondBylineMayEditTheArticleAndKeepsTheOrder()
    {
        using var editor = await site.SignInAsEditorAsync();
        using var author = await site.SignInAsAuthorAsync("second-byline@example.com");
        var theirs = await author.WriteAsync("Their own first", "Save draft"); // makes their byline
        var authorId = await site.WithDbAsync(db => db.Authors.Where(a => a.UserId != null && a.Name == "second-byline").Select(a => a.Id).SingleAsync(Cancel));
        var ana = await site.WithDbAsync(db => db.Authors.Where(a => a.Name == "Ana Writer").Select(a => a.Id).SingleAsync(Cancel));
        var id = await editor.WriteAsync("Shared draft", "Save", fill: form => form
            .Set("Input.AuthorId", ana.ToString()).Set("Input.MoreAuthorIds[0]", authorId.ToString()));

        await author.EditAsync(id, "Save draft", form => form.Set("Input.Body", "Changed by the second byline."));

        var bylines = await site.WithDbAsync(db => db.ArticleBylines.Where(b => b.ArticleId == id).OrderBy(b => b.Position).Select(b => b.AuthorId).ToListAsync(Cancel));
        Assert.Equal([ana, authorId], bylines);
        Assert.Contains("Shared draft", (await author.GetPageAsync("/admin/articles")).QuerySelector(".article-table")!.TextContent);
        Assert.NotEqual(0, theirs);
    }

    [Fact]
    public async Task AnArticleWithoutBylineRowsHasItsAuthorAsItsOneByline()
    {
        var page = await site.GetPageAsync("/articles/older-story");

        Assert.Equal(["Ana Writer"], page.QuerySelectorAll(".byline a[rel=author]").Select(a => a.TextContent));
    }

    private static string Words(string text) => string.Join(" ", text.Split((char[])null!, StringSplitOptions.RemoveEmptyEntries));
}
