using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Gazette.Tests.Articles;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Feeds;

/// <summary>Feeds, the sitemap and robots.txt, read back with a real feed parser and an XML reader.</summary>
public sealed class FeedTests(ListPageTests.Site site) : IClassFixture<ListPageTests.Site>
{
    private async Task<(HttpResponseMessage Response, SyndicationFeed? Feed)> ReadFeedAsync(string url)
    {
        using var client = site.CreateReader();
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response, null);
        }
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        return (response, SyndicationFeed.Load(reader));
    }

    [Fact]
    public async Task SiteFeedListsTheLatestPublicArticlesNewestFirstWithAbsoluteLinks()
    {
        var (response, feed) = await ReadFeedAsync("/feed");

        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["Story 7", "Story 6", "Story 5", "Story 4", "Story 3", "Story 2", "Story 1"], feed!.Items.Select(i => i.Title.Text));
        Assert.Equal("http://localhost/articles/story-7", feed.Items.First().Links[0].Uri.AbsoluteUri);
        Assert.Equal("About Story 7.", feed.Items.First().Summary.Text);
    }

    [Fact]
    public async Task AtomFeedCarriesTheSameArticles()
    {
        var (response, feed) = await ReadFeedAsync("/feed/atom");

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(7, feed!.Items.Count());
        Assert.Equal("Ana Writer", feed.Items.First().Authors[0].Name);
    }

    [Theory]
    [InlineData("/category/phones/feed", new[] { "Story 4", "Story 3", "Story 2", "Story 1" })]
    [InlineData("/tag/android/feed/atom", new[] { "Story 6", "Story 3" })]
    [InlineData("/author/ben-reporter/feed", new[] { "Story 6", "Story 4", "Story 2" })]
    public async Task ArchiveFeedsListOnlyTheirArticles(string url, string[] titles)
    {
        var (_, feed) = await ReadFeedAsync(url);

        Assert.Equal(titles, feed!.Items.Select(i => i.Title.Text));
    }

    [Theory]
    [InlineData("/category/nothing/feed")]
    [InlineData("/articles/no-such-story/comments/feed")]
    public async Task FeedsOfThingsThatDoNotExistAreNotFound(string url)
    {
        var (response, _) = await ReadFeedAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CommentFeedsFollowTheDiscussion()
    {
        using var script = new ApiClient(site);
        await script.CommentAsync("story-5", "A comment for the feeds", name: "Feeder");

        var (_, articleFeed) = await ReadFeedAsync("/articles/story-5/comments/feed");
        var (_, siteFeed) = await ReadFeedAsync("/comments/feed");

        var item = Assert.Single(articleFeed!.Items);
        Assert.Equal("Feeder on Story 5", item.Title.Text);
        Assert.Contains("A comment for the feeds", item.Summary.Text); // RSS 2.0 carries the comment in its description
        Assert.Contains(siteFeed!.Items, i => i.Title.Text == "Feeder on Story 5");
    }

    [Fact]
    public async Task SitemapListsEveryPublicArticleWithItsLastChange()
    {
        using var client = site.CreateReader();

        var document = XDocument.Parse(await client.GetStringAsync("/sitemap.xml", TestContext.Current.CancellationToken));

        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var urls = document.Root!.Elements(ns + "url").ToDictionary(u => u.Element(ns + "loc")!.Value, u => u.Element(ns + "lastmod")?.Value);
        Assert.Equal(7, urls.Keys.Count(u => u.Contains("/articles/")));
        Assert.DoesNotContain(urls.Keys, u => u.Contains("unpublished-draft") || u.Contains("coming-tomorrow"));
        Assert.Equal("2026-03-10T09:00:00Z", urls["http://localhost/articles/story-7"]);
        Assert.Contains("http://localhost/category/phones", urls.Keys);
    }

    [Fact]
    public async Task RobotsPointsToTheSitemapAndKeepsCrawlersOutOfAccounts()
    {
        using var client = site.CreateReader();

        var robots = await client.GetStringAsync("/robots.txt", TestContext.Current.CancellationToken);

        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);
        Assert.Contains("Disallow: /account/", robots);
    }

    [Fact]
    public async Task PagesAdvertiseTheFeeds()
    {
        var page = await site.GetPageAsync("/");

        Assert.Equal("/feed", page.QuerySelector("link[rel=alternate][type='application/rss+xml']")!.GetAttribute("href"));
    }
}
