using AngleSharp.Dom;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Articles;

/// <summary>Archives by month, counted in the site's time zone (Paris here: UTC+1 in winter, UTC+2 in summer).</summary>
public sealed class MonthArchiveTests(MonthArchiveTests.Site site) : IClassFixture<MonthArchiveTests.Site>
{
    public sealed class Site : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Site:ArticlesPerPage", "2"), new("Site:TimeZone", "Europe/Paris")];

        public Site()
        {
            WithDbAsync(async db =>
            {
                var ana = Author("Ana Writer");
                DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
                db.Articles.Add(Article("Last evening of January", Utc(2026, 1, 31, 22, 30), ana));   // 23:30 in Paris
                db.Articles.Add(Article("Just after midnight", Utc(2026, 1, 31, 23, 30), ana));       // February 1, 00:30 in Paris
                db.Articles.Add(Article("Mid February", Utc(2026, 2, 15, 9, 0), ana));
                db.Articles.Add(Article("Late February", Utc(2026, 2, 20, 9, 0), ana));
                db.Articles.Add(Article("February draft", Utc(2026, 2, 21, 9, 0), ana, status: ArticleStatus.Draft));
                db.Articles.Add(Article("March scheduled", Utc(2026, 3, 20, 9, 0), ana, status: ArticleStatus.Scheduled));
                db.Articles.Add(Article("December story", Utc(2025, 12, 10, 9, 0), ana));
                db.Articles.Add(Article("Summer time April", Utc(2025, 3, 31, 22, 30), ana));        // April 1, 00:30 in Paris (UTC+2)
                await db.SaveChangesAsync();
            }).GetAwaiter().GetResult();
        }
    }

    private static List<string> Titles(IDocument page) =>
        page.QuerySelectorAll(".article-list h2 a").Select(a => a.TextContent).ToList();

    private static List<string> Months(IDocument page) =>
        page.QuerySelectorAll(".archive-months li").Select(li => string.Join(" ", li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();

    [Fact]
    public async Task ArchiveListsEveryMonthWithItsCountNewestFirst()
    {
        var page = await site.GetPageAsync("/archive");

        Assert.Equal(["2026", "2025"], page.QuerySelectorAll(".archive-year h2 a").Select(a => a.TextContent));
        Assert.Equal(["February 2026 3 articles", "January 2026 1 article", "December 2025 1 article", "April 2025 1 article"], Months(page));
        Assert.Equal("/archive/2026/02", page.QuerySelector(".archive-months a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AYearListsOnlyItsMonths()
    {
        var page = await site.GetPageAsync("/archive/2025");

        Assert.Equal(["December 2025 1 article", "April 2025 1 article"], Months(page));
    }

    [Fact]
    public async Task AMonthListsItsArticlesNewestFirstInPages()
    {
        var first = await site.GetPageAsync("/archive/2026/02");
        var second = await site.GetPageAsync("/archive/2026/02?page=2");

        Assert.Equal("February 2026", first.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Late February", "Mid February"], Titles(first));
        Assert.Equal("/archive/2026/02?page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(["Just after midnight"], Titles(second));
    }

    [Fact]
    public async Task MonthsAreThoseOfTheSiteTimeZone()
    {
        var january = await site.GetPageAsync("/archive/2026/1");
        var april = await site.GetPageAsync("/archive/2025/04");

        Assert.Equal(["Last evening of January"], Titles(january));
        Assert.Equal(["Summer time April"], Titles(april));
        Assert.Equal("http://localhost/archive/2026/01", january.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/archive/2026/13")]
    [InlineData("/archive/2026/0")]
    [InlineData("/archive/2026/03")]
    [InlineData("/archive/2025/03")]
    [InlineData("/archive/2024")]
    [InlineData("/archive/0/1")]
    [InlineData("/archive/99999")]
    [InlineData("/archive/2026/02?page=3")]
    [InlineData("/archive/2026/02?page=0")]
    [InlineData("/archive/2026/february")]
    public async Task MonthsOutOfRangeOrEmptyAreNotFound(string url)
    {
        await site.GetPageAsync(url, 404);
    }

    [Fact]
    public async Task TheFooterLinksToTheArchive()
    {
        var page = await site.GetPageAsync("/");

        Assert.NotNull(page.QuerySelector("footer a[href='/archive']"));
    }
}
