using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Articles;

public sealed class ListPageTests(ListPageTests.Site site) : IClassFixture<ListPageTests.Site>
{
    /// <summary>Seven public articles an hour apart, two per page; two authors, two categories, a shared tag; a draft and a scheduled one.</summary>
    public sealed class Site : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Site:ArticlesPerPage", "2")];

        public Site()
        {
            WithDbAsync(async db =>
            {
                var now = Now.UtcDateTime;
                var (ana, ben) = (Author("Ana Writer"), Author("Ben Reporter"));
                var (phones, chips) = (Category("Phones"), Category("Chips"));
                var android = Tag("Android");
                for (var i = 1; i <= 7; i++)
                {
                    var article = Article($"Story {i}", now.AddHours(-10 + i), i % 2 == 0 ? ben : ana, i <= 4 ? phones : chips,
                        i % 3 == 0 ? [android] : []);
                    article.CommentCount = i == 7 ? 1 : i * 10;
                    db.Articles.Add(article);
                }
                db.Articles.Add(Article("Unpublished draft", now.AddHours(-1), ana, phones, [android], status: ArticleStatus.Draft));
                db.Articles.Add(Article("Coming tomorrow", now.AddDays(1), ana, phones, [android], status: ArticleStatus.Scheduled));
                await db.SaveChangesAsync();
            }).GetAwaiter().GetResult();
        }
    }

    private static List<string> Titles(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll(".article-list h2 a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task HomeListsTheLatestPublicArticlesNewestFirst()
    {
        var page = await site.GetPageAsync("/");

        Assert.Equal(["Story 7", "Story 6"], Titles(page));
    }

    [Fact]
    public async Task HomeCardShowsExcerptAuthorDateCategoryAndCommentCount()
    {
        var page = await site.GetPageAsync("/");

        var cards = page.QuerySelectorAll(".article-card");
        var card = cards[0];
        Assert.Equal("About Story 7.", card.QuerySelector(".excerpt")!.TextContent);
        Assert.Equal("Ana Writer", card.QuerySelector("a.author")!.TextContent);
        Assert.Equal("2026-03-10T09:00:00Z", card.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("Chips", card.QuerySelector(".kicker")!.TextContent);
        Assert.Equal("1 comment", card.QuerySelector(".comment-count")!.TextContent);
        Assert.Equal("60 comments", cards[1].QuerySelector(".comment-count")!.TextContent);
    }

    [Fact]
    public async Task HomeIsPagedWithLinksBothWays()
    {
        var first = await site.GetPageAsync("/");
        var second = await site.GetPageAsync("/?page=2");
        var last = await site.GetPageAsync("/?page=4");

        Assert.Equal("/?page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector(".pager a[rel=prev]"));
        Assert.Equal(["Story 5", "Story 4"], Titles(second));
        Assert.Equal("/", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal(["Story 1"], Titles(last));
        Assert.Null(last.QuerySelector(".pager a[rel=next]"));
    }

    [Theory]
    [InlineData("/?page=5")]
    [InlineData("/?page=0")]
    [InlineData("/?page=-1")]
    [InlineData("/category/phones?page=3")]
    public async Task PagesPastTheEndAreNotFound(string url)
    {
        await site.GetPageAsync(url, expectedStatus: 404);
    }

    [Fact]
    public async Task CategoryPageListsOnlyItsArticles()
    {
        var page = await site.GetPageAsync("/category/phones");
        var second = await site.GetPageAsync("/category/phones?page=2");

        Assert.Equal("Phones", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Story 4", "Story 3"], Titles(page));
        Assert.Equal(["Story 2", "Story 1"], Titles(second));
        Assert.Equal("/category/phones", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TagPageListsOnlyPublicArticlesWithTheTag()
    {
        var page = await site.GetPageAsync("/tag/android");

        Assert.Equal("Android", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Story 6", "Story 3"], Titles(page));
        Assert.Null(page.QuerySelector(".pager"));
    }

    [Fact]
    public async Task AuthorPageListsOnlyTheirArticles()
    {
        var page = await site.GetPageAsync("/author/ben-reporter");
        var second = await site.GetPageAsync("/author/ben-reporter?page=2");

        Assert.Equal("Ben Reporter", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Story 6", "Story 4", "Story 2"], Titles(page).Concat(Titles(second)));
    }

    [Theory]
    [InlineData("/category/no-such-section")]
    [InlineData("/tag/no-such-topic")]
    [InlineData("/author/nobody")]
    [InlineData("/no/such/page")]
    public async Task UnknownCategoryTagAuthorOrPageIsAFriendlyNotFound(string url)
    {
        var page = await site.GetPageAsync(url, expectedStatus: 404);

        Assert.Equal("We couldn’t find that page", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task SectionNavigationListsTheCategories()
    {
        var page = await site.GetPageAsync("/");

        var sections = page.QuerySelectorAll(".site-nav a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(["/category/chips", "/category/phones"], sections);
    }
}
