using AngleSharp.Dom;
using Gazette.Articles;
using Gazette.Core.Text;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Search;

/// <summary>/search over the FTS5 index: ranking, marked passages, what readers may see, paging, hostile queries.</summary>
public sealed class SearchTests(SearchTests.Site site) : IClassFixture<SearchTests.Site>
{
    public sealed class Site : EmptyGazetteFactory
    {
        public Site()
        {
            WithDbAsync(async db =>
            {
                var now = Now.UtcDateTime;
                var ana = Author("Ana Writer");
                var chips = Category("Chips");
                Article Story(string title, string body, int hoursAgo, ArticleStatus status = ArticleStatus.Published)
                {
                    var article = Article(title, now.AddHours(-hoursAgo), ana, chips, body: body, status: status);
                    article.BodyText = ArticleMarkdown.ToPlainText(body);
                    // An excerpt without the title's words, so that a title match is one in the title alone.
                    article.Excerpt = "Read on.";
                    return article;
                }

                // The body-only match is newer, so only ranking can put the title match first.
                db.Articles.Add(Story("Quantum chips arrive at last", "The first machines ship to labs this spring.", hoursAgo: 5));
                db.Articles.Add(Story("A visit to the labs", "Researchers showed us a quantum processor running cold.", hoursAgo: 1));
                db.Articles.Add(Story("Why <em>escaping</em> matters", "Never trust `<script>alert(1)</script>` in escaping text & such.", hoursAgo: 2));
                db.Articles.Add(Story("The best café in town", "Coffee, reviewed.", hoursAgo: 3));
                db.Articles.Add(Story("Edited later", "The original wording of this piece.", hoursAgo: 4));
                db.Articles.Add(Story("Zebrafish draft", "Zebrafish in a draft.", hoursAgo: 1, ArticleStatus.Draft));
                db.Articles.Add(Story("Zebrafish scheduled", "Zebrafish next week.", hoursAgo: -48, ArticleStatus.Scheduled));
                db.Articles.Add(Story("Zebrafish withdrawn", "Zebrafish taken down.", hoursAgo: 10, ArticleStatus.Unpublished));
                db.Articles.Add(Story("Zebrafish at noon tomorrow", "Published, but dated tomorrow.", hoursAgo: -24));
                for (var i = 1; i <= 12; i++)
                {
                    db.Articles.Add(Story($"Paging story {i}", $"Pagination example number {i}.", hoursAgo: 100 + i));
                }
                await db.SaveChangesAsync();
            }).GetAwaiter().GetResult();
        }
    }

    private static List<string> Titles(IDocument page) =>
        page.QuerySelectorAll(".search-result h2 a").Select(a => a.TextContent).ToList();

    private Task<IDocument> SearchAsync(string query, int expectedStatus = 200) =>
        site.GetPageAsync($"/search?q={Uri.EscapeDataString(query)}", expectedStatus);

    [Fact]
    public async Task TitleMatchRanksAboveBodyOnlyMatch()
    {
        var page = await SearchAsync("quantum");

        Assert.Equal(["Quantum chips arrive at last", "A visit to the labs"], Titles(page));
        Assert.Equal("2 articles match quantum.", page.QuerySelector(".search-status")!.TextContent.Trim());
    }

    [Fact]
    public async Task MatchedWordsAreMarkedInTitleAndPassage()
    {
        var page = await SearchAsync("quantum");

        var results = page.QuerySelectorAll(".search-result");
        Assert.Equal(["Quantum"], results[0].QuerySelectorAll("h2 mark").Select(m => m.TextContent));
        Assert.Equal(["quantum"], results[1].QuerySelectorAll(".snippet mark").Select(m => m.TextContent));
        Assert.Equal("Researchers showed us a quantum processor running cold.", results[1].QuerySelector(".snippet")!.TextContent);
    }

    [Fact]
    public async Task ArticleTextIsShownAsTextNeverAsMarkup()
    {
        var page = await SearchAsync("escaping");

        var result = page.QuerySelector(".search-result")!;
        Assert.Equal("Why <em>escaping</em> matters", result.QuerySelector("h2 a")!.TextContent);
        Assert.Null(result.QuerySelector("em"));
        Assert.Null(page.QuerySelector("main script"));
        Assert.Contains("<script>alert(1)</script>", result.QuerySelector(".snippet")!.TextContent);
        Assert.Equal(["escaping", "escaping"], result.QuerySelectorAll("mark").Select(m => m.TextContent));
    }

    [Fact]
    public async Task DraftsScheduledWithdrawnAndFutureArticlesAreNotFound()
    {
        var page = await SearchAsync("zebrafish");

        Assert.Empty(Titles(page));
        Assert.Contains("No articles match", page.QuerySelector(".search-empty")!.TextContent);
    }

    [Fact]
    public async Task ResultsArePagedTenAtATimeKeepingTheQuery()
    {
        var first = await SearchAsync("pagination");
        var second = await site.GetPageAsync("/search?q=pagination&page=2");
        await site.GetPageAsync("/search?q=pagination&page=3", 404);

        Assert.Equal(10, Titles(first).Count);
        Assert.Contains("12 articles match", first.QuerySelector(".search-status")!.TextContent);
        Assert.Equal("/search?q=pagination&page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(2, Titles(second).Count);
        Assert.Equal("/search?q=pagination", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Empty(Titles(first).Intersect(Titles(second)));
        Assert.Equal("pagination", second.QuerySelector("main input[name=q]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task NoResultsKeepsTheQueryAndSuggestsWhatToTry()
    {
        var page = await SearchAsync("nothing-like-this");

        Assert.Equal("nothing-like-this", page.QuerySelector("main input[name=q]")!.GetAttribute("value"));
        Assert.Contains("No articles match nothing-like-this.", page.QuerySelector(".search-empty")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll(".search-empty li"));
        Assert.Null(page.QuerySelector(".pager"));
    }

    [Theory]
    [InlineData("/search")]
    [InlineData("/search?q=")]
    [InlineData("/search?q=%20%20%20")]
    [InlineData("/search?q=%21%21%21%20---%20%2A%2A")]
    public async Task AnEmptyQueryShowsThePromptNotAnError(string url)
    {
        var page = await site.GetPageAsync(url);

        Assert.NotNull(page.QuerySelector("main form[role=search] input[name=q]"));
        Assert.Contains("Type", page.QuerySelector(".search-status")!.TextContent);
        Assert.Empty(page.QuerySelectorAll(".search-result"));
    }

    [Theory]
    [InlineData("/search?q=quantum&page=0", 404)]
    [InlineData("/search?q=quantum&page=-1", 404)]
    [InlineData("/search?q=quantum&page=99999999999", 200)]
    [InlineData("/search?q=quantum&page=abc", 200)]
    [InlineData("/search?q=quantum&q=chips", 200)]
    public async Task OddPagesAreNotFoundOrIgnoredNeverAnError(string url, int status)
    {
        await site.GetPageAsync(url, status);
    }

    [Fact]
    public async Task DiacriticsAreFolded()
    {
        var plain = await SearchAsync("cafe");
        var capitals = await SearchAsync("CAFÉ");

        Assert.Equal(["The best café in town"], Titles(plain));
        Assert.Equal(["café"], plain.QuerySelectorAll("h2 mark").Select(m => m.TextContent));
        Assert.Equal(["The best café in town"], Titles(capitals));
    }

    [Fact]
    public async Task AccentsAreFoldedInEveryFormOfAWord()
    {
        var plural = await SearchAsync("CAFÉS in towns");

        // Issue 11: the plural finds the singular, accents folded; the word as written is marked.
        Assert.Equal(["The best café in town"], Titles(plural));
        Assert.Equal(["café", "in", "town"], plural.QuerySelectorAll("h2 mark").Select(m => m.TextContent));
    }

    [Fact]
    public async Task TheLastWordMatchesAsTheStartOfAWord()
    {
        var page = await SearchAsync("quant");

        Assert.Equal(2, Titles(page).Count);
    }

    [Fact]
    public async Task AnEditedArticleIsFoundByItsNewWords()
    {
        await site.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.Slug == "edited-later", TestContext.Current.CancellationToken);
            article.BodyMarkdown = "Rewritten around a flamingo.";
            article.BodyText = ArticleMarkdown.ToPlainText(article.BodyMarkdown);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var found = await SearchAsync("flamingo");
        var gone = await SearchAsync("original wording");

        Assert.Equal(["Edited later"], Titles(found));
        Assert.Empty(Titles(gone));
    }

    [Fact]
    public async Task ResultPagesAskSearchEnginesNotToIndexThem()
    {
        var page = await SearchAsync("quantum");

        Assert.Equal("noindex, follow", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"\"")]
    [InlineData("*")]
    [InlineData("quantum*")]
    [InlineData("NEAR(")]
    [InlineData("NEAR(quantum chips, 2)")]
    [InlineData("AND OR NOT")]
    [InlineData("quantum AND")]
    [InlineData("Title:quantum")]
    [InlineData("col:term")]
    [InlineData("{Title Excerpt}: quantum")]
    [InlineData("^quantum")]
    [InlineData("^")]
    [InlineData("'")]
    [InlineData(")")]
    [InlineData("(((")]
    [InlineData("-quantum")]
    [InlineData("+")]
    [InlineData("\uE000quantum\uE001")]
    public async Task HostileQueriesAnswerAPageAndKeepWhatWasTyped(string query)
    {
        var page = await SearchAsync(query);

        Assert.Equal(query.Trim(), page.QuerySelector("main input[name=q]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ControlCharactersSeparateWords()
    {
        var page = await SearchAsync("quantum\0chips\u0007");

        Assert.Equal("quantum chips", page.QuerySelector("main input[name=q]")!.GetAttribute("value"));
        Assert.Equal(["Quantum chips arrive at last"], Titles(page));
    }

    [Fact]
    public async Task AVeryLongQueryIsTrimmed()
    {
        var page = await SearchAsync(string.Join(" ", Enumerable.Repeat("quantum", 2000)));

        Assert.True(page.QuerySelector("main input[name=q]")!.GetAttribute("value")!.Length <= 200);
        Assert.Equal(2, Titles(page).Count);
    }

    [Fact]
    public async Task NaughtyStringsNeverBreakTheSearch()
    {
        using var client = site.CreateReader();
        var failures = new List<string>();
        foreach (var line in SharedCorpora.NaughtyStrings())
        {
            using var response = await client.GetAsync($"/search?q={Uri.EscapeDataString(line)}", TestContext.Current.CancellationToken);
            if ((int)response.StatusCode != 200)
            {
                failures.Add($"{(int)response.StatusCode}: {line}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task EveryPageHasALabelledSearchBoxInItsHeader()
    {
        var page = await site.GetPageAsync("/");

        var form = page.QuerySelector("header form[role=search]")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/search", form.GetAttribute("action"));
        var input = form.QuerySelector("input[name=q]")!;
        Assert.Equal("Search articles", form.QuerySelector($"label[for='{input.Id}']")!.TextContent);
        // A GET form carries no antiforgery token, so the pages it sits on stay cacheable.
        Assert.Null(form.QuerySelector("input[type=hidden]"));
    }
}
