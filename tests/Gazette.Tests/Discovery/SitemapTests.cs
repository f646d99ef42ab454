using System.Xml.Linq;
using Gazette.Articles;
using Gazette.Feeds;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Discovery;

/// <summary>Issue 4: the sitemap with images, the Google News sitemap and robots.txt, checked against their XSDs.</summary>
public sealed class SitemapTests(SitemapTests.Site site) : IClassFixture<SitemapTests.Site>
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";
    private static readonly XNamespace Image = "http://www.google.com/schemas/sitemap-image/1.1";

    public const string MissingXmllint = "xmllint is not installed: apt-get install -y libxml2-utils";

    public sealed class Site : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Site:Name", "The Gazette & Co"), new("Site:Language", "en-GB")];

        public Site()
        {
            WithDbAsync(async db =>
            {
                var now = Now.UtcDateTime;
                var ana = Author("Ana Writer");
                var laptops = Category("Laptops");
                var fresh = Article("Fresh <news> & more", now.AddHours(-1), ana, laptops);
                fresh.Image = new FeaturedImage { Path = "ab/fresh", Alt = "A laptop", Width = 1600, Height = 900 };
                var yesterday = Article("Yesterday", now.AddHours(-47), ana);
                var discussed = Article("Discussed last week", now.AddDays(-7), ana);
                discussed.UpdatedAt = now.AddDays(-6);
                db.AddRange(fresh, yesterday, discussed,
                    Article("Three days old", now.AddHours(-49), ana),
                    Article("Draft in the window", now.AddHours(-2), ana, status: ArticleStatus.Draft),
                    Article("Out tomorrow", now.AddDays(1), ana, status: ArticleStatus.Scheduled));
                await db.SaveChangesAsync();
                db.Comments.Add(Comment(discussed, "Reader", "Still talking", now.AddHours(-3)));
                db.Comments.Add(Comment(discussed, "Spammer", "Held back", now.AddHours(-1), status: Gazette.Comments.CommentStatus.Pending));
                discussed.CommentCount = 1;
                await db.SaveChangesAsync();
            }).GetAwaiter().GetResult();
        }
    }

    private async Task<(string Text, XDocument Document)> GetAsync(string url)
    {
        using var client = site.CreateReader();
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (text, XDocument.Parse(text));
    }

    [Fact]
    public async Task NewsSitemapListsTheLastTwoDaysWithPublicationNameLanguageDateAndTitle()
    {
        var (_, document) = await GetAsync("/news-sitemap.xml");

        var urls = document.Root!.Elements(Sm + "url").ToList();
        Assert.Equal(["http://localhost/articles/fresh-news-more", "http://localhost/articles/yesterday"], urls.Select(u => u.Element(Sm + "loc")!.Value));
        var news = urls[0].Element(News + "news")!;
        Assert.Equal("The Gazette & Co", news.Element(News + "publication")!.Element(News + "name")!.Value);
        Assert.Equal("en", news.Element(News + "publication")!.Element(News + "language")!.Value);
        Assert.Equal("2026-03-10T11:00:00Z", news.Element(News + "publication_date")!.Value);
        Assert.Equal("Fresh <news> & more", news.Element(News + "title")!.Value);
    }

    [Fact]
    public async Task SitemapListsFeaturedImagesByTheirAbsoluteAddress()
    {
        var (_, document) = await GetAsync("/sitemap.xml");

        var url = document.Root!.Elements(Sm + "url").Single(u => u.Element(Sm + "loc")!.Value == "http://localhost/articles/fresh-news-more");
        Assert.Equal(["http://localhost/media/ab/fresh-1600.jpg"], url.Elements(Image + "image").Select(i => i.Element(Image + "loc")!.Value));
        Assert.Empty(document.Root.Elements(Sm + "url").Where(u => u.Element(Sm + "loc")!.Value.EndsWith("/yesterday")).Elements(Image + "image"));
    }

    [Fact]
    public async Task LastmodIsTheLaterOfTheArticlesUpdateAndItsNewestShownComment()
    {
        var (_, document) = await GetAsync("/sitemap.xml");

        var lastmod = document.Root!.Elements(Sm + "url").ToDictionary(u => u.Element(Sm + "loc")!.Value, u => u.Element(Sm + "lastmod")?.Value);
        Assert.Equal("2026-03-10T09:00:00Z", lastmod["http://localhost/articles/discussed-last-week"]); // the approved comment, not the pending one
        Assert.Equal("2026-03-08T13:00:00Z", lastmod["http://localhost/articles/yesterday"]);
        Assert.Equal("2026-03-10T11:00:00Z", lastmod["http://localhost/"]);
    }

    [Fact]
    public async Task RobotsNamesBothSitemaps()
    {
        using var client = site.CreateReader();

        var robots = await client.GetStringAsync("/robots.txt", TestContext.Current.CancellationToken);

        var lines = robots.Split('\n');
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", lines);
        Assert.Contains("Sitemap: http://localhost/news-sitemap.xml", lines);
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("pt_BR", "pt")]
    [InlineData("zh-Hant-TW", "zh-tw")]
    [InlineData("zh-CN", "zh-cn")]
    [InlineData("fil", "fil")]
    [InlineData("", "en")]
    public void NewsLanguageIsTheTwoOrThreeLetterCodeGoogleAsksFor(string site, string news) =>
        Assert.Equal(news, FeedsEndpoints.NewsLanguage(site));

    [Theory]
    [InlineData("/sitemap.xml")]
    [InlineData("/news-sitemap.xml")]
    public async Task SitemapsAreValidAgainstTheirXmlSchemas(string url)
    {
        var xmllint = ExternalTools.OnPath("xmllint");
        ExternalTools.Require(xmllint is not null, MissingXmllint);
        var (text, _) = await GetAsync(url);

        var run = await ValidateAsync(xmllint!, text);

        Assert.True(run.ExitCode == 0, $"{url} is not valid:\n{run.Error}\n{text}");
    }

    [Fact]
    public async Task TheSchemaCheckRejectsWhatGoogleWouldRefuse()
    {
        var xmllint = ExternalTools.OnPath("xmllint");
        ExternalTools.Require(xmllint is not null, MissingXmllint);
        var (text, _) = await GetAsync("/news-sitemap.xml");

        var run = await ValidateAsync(xmllint!, text.Replace("<news:language>en</news:language>", "<news:language>English</news:language>"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("language", run.Error);
    }

    private static async Task<ExternalTools.Run> ValidateAsync(string xmllint, string xml)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("gazette-sitemap-").FullName, "sitemap.xml");
        await File.WriteAllTextAsync(file, xml, TestContext.Current.CancellationToken);
        try
        {
            var schema = Path.Combine(ExternalTools.RepositoryRoot, "tests", "Gazette.Tests", "Discovery", "Schemas", "sitemaps.xsd");
            return await ExternalTools.RunAsync(xmllint, ["--noout", "--nonet", "--schema", schema, file], TimeSpan.FromSeconds(60));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
