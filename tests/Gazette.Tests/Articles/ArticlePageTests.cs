using Gazette.Articles;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Articles;

public sealed class ArticlePageTests(ArticlePageTests.Site site) : IClassFixture<ArticlePageTests.Site>
{
    /// <summary>
    /// Five published articles a day apart (plus a draft and a scheduled one between them), tags and categories that
    /// make "related" predictable, and comments spread so that the week's ranking is known.
    /// </summary>
    public sealed class Site : EmptyGazetteFactory
    {
        private static new readonly DateTime Now = GazetteFactory.Now.UtcDateTime;

        public Site()
        {
            WithDbAsync(async db =>
            {
                var ana = Author("Ana Writer");
                var phones = Category("Phones");
                var chips = Category("Chips");
                var (android, batteries, ai) = (Tag("Android"), Tag("Batteries"), Tag("AI"));
                var first = Article("First story", Now.AddDays(-10), ana, chips, [ai]);
                var second = Article("Second story", Now.AddDays(-9), ana, phones, [android]);
                var draft = Article("Draft story", Now.AddDays(-8.5), ana, phones, [android, batteries], status: ArticleStatus.Draft);
                var third = Article("Third story", Now.AddDays(-8), ana, phones, [android, batteries],
                    body: "Opening paragraph.\n\n{{news-of-the-week}}\n\nClosing paragraph with **bold** words.\n\n<script>alert('x')</script>");
                var fourth = Article("Fourth story", Now.AddDays(-3), ana, chips, [batteries]);
                var fifth = Article("Fifth story", Now.AddDays(-1), ana, phones, [android, batteries]);
                var scheduled = Article("Scheduled story", Now.AddDays(2), ana, phones, [android, batteries], status: ArticleStatus.Scheduled);
                var futurePublished = Article("Future story", Now.AddHours(1), ana, phones, [android, batteries]);
                db.AddRange(first, second, draft, third, fourth, fifth, scheduled, futurePublished);
                await db.SaveChangesAsync();

                // This week: fourth has 3 comments, fifth 5, second 1 (plus 10 from last month that do not count),
                // the draft 9 (not public, so not news).
                void Comments(Article article, int count, DateTime at)
                {
                    for (var i = 0; i < count; i++)
                    {
                        db.Comments.Add(Comment(article, $"Reader {i}", $"Comment {i}", at.AddMinutes(i)));
                    }
                    article.CommentCount += count;
                }
                Comments(fourth, 3, Now.AddDays(-2));
                Comments(fifth, 5, Now.AddHours(-20));
                Comments(second, 1, Now.AddDays(-6));
                Comments(second, 10, Now.AddDays(-8.5));
                Comments(draft, 9, Now.AddDays(-1));
                await db.SaveChangesAsync();
            }).GetAwaiter().GetResult();
        }
    }

    [Fact]
    public async Task ArticleShowsHeadlineBylineDateAndBody()
    {
        var page = await site.GetPageAsync("/articles/third-story");

        Assert.Equal("Third story", page.QuerySelector("article.story h1")!.TextContent);
        Assert.Equal("Third story – Gazette", page.Title);
        var byline = page.QuerySelector(".byline")!;
        Assert.Equal("/author/ana-writer", byline.QuerySelector("a[rel=author]")!.GetAttribute("href"));
        Assert.Equal("2026-03-02T12:00:00Z", byline.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("March 2, 2026", byline.QuerySelector("time")!.TextContent);
        Assert.Equal("bold", page.QuerySelector(".story-body strong")!.TextContent);
    }

    [Fact]
    public async Task ScriptInTheBodyNeverReachesThePage()
    {
        var page = await site.GetPageAsync("/articles/third-story");

        // The scripts that run are the site's own files (the discussion's, its drafts', the embeds'): nothing from the
        // body, nothing inline. (The JSON-LD block is data, never executed.)
        var scripts = page.QuerySelectorAll("script:not([type='application/ld+json'])");
        Assert.Empty(page.QuerySelectorAll(".story-body script"));
        // Fingerprinted (kept a year by browsers): /js/discussion.{hash}.js.
        Assert.Equal(["discussion", "drafts", "embeds"], scripts.Select(script =>
            System.Text.RegularExpressions.Regex.Match(script.GetAttribute("src") ?? "", @"^/js/(?<name>[a-z]+)\.[a-z0-9]+\.js$").Groups["name"].Value).Order());
    }

    [Fact]
    public async Task ArticleCarriesCanonicalAndSharingMetadata()
    {
        var page = await site.GetPageAsync("/articles/third-story?sort=newest&utm_source=x");

        Assert.Equal("http://localhost/articles/third-story", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.Equal("Third story", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal("About Third story.", page.QuerySelector("meta[property='og:description']")!.GetAttribute("content"));
        Assert.Equal("summary", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task ArticleDescribesItselfAsANewsArticleWithItsComments()
    {
        var page = await site.GetPageAsync("/articles/fifth-story");

        using var json = System.Text.Json.JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var article = json.RootElement;
        Assert.Equal("NewsArticle", article.GetProperty("@type").GetString());
        Assert.Equal("Fifth story", article.GetProperty("headline").GetString());
        Assert.Equal("2026-03-09T12:00:00Z", article.GetProperty("datePublished").GetString());
        Assert.Equal("Ana Writer", article.GetProperty("author")[0].GetProperty("name").GetString());
        Assert.Equal("Gazette", article.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal(5, article.GetProperty("commentCount").GetInt32());
        var comments = article.GetProperty("comment").EnumerateArray().ToList();
        Assert.Equal(5, comments.Count); // all top-level here
        Assert.Equal("Comment 0", comments[0].GetProperty("text").GetString());
        Assert.Equal("Reader 0", comments[0].GetProperty("author").GetProperty("name").GetString());
    }

    [Fact]
    public async Task PreviousAndNextAreTheNeighboursByPublishDateWithTheirTitles()
    {
        var page = await site.GetPageAsync("/articles/third-story");

        var previous = page.QuerySelector(".prev-next a[rel=prev]")!;
        var next = page.QuerySelector(".prev-next a[rel=next]")!;
        Assert.Equal("/articles/second-story", previous.GetAttribute("href"));
        Assert.Equal("Second story", previous.QuerySelector(".title")!.TextContent);
        Assert.Equal("/articles/fourth-story", next.GetAttribute("href"));
        Assert.Equal("Fourth story", next.QuerySelector(".title")!.TextContent);
    }

    [Fact]
    public async Task NewestArticleHasNoNextBecauseScheduledOnesAreNotOutYet()
    {
        var page = await site.GetPageAsync("/articles/fifth-story");

        Assert.Null(page.QuerySelector(".prev-next a[rel=next]"));
        Assert.Equal("/articles/fourth-story", page.QuerySelector(".prev-next a[rel=prev]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task OldestArticleHasNoPrevious()
    {
        var page = await site.GetPageAsync("/articles/first-story");

        Assert.Null(page.QuerySelector(".prev-next a[rel=prev]"));
    }

    [Fact]
    public async Task NewsOfTheWeekRanksPublicArticlesByThisWeeksComments()
    {
        var page = await site.GetPageAsync("/articles/first-story");

        var stories = page.QuerySelectorAll(".news-of-the-week li a").Select(a => a.TextContent).ToList();

        Assert.Equal(["Fifth story", "Fourth story", "Second story"], stories);
        Assert.Contains("5 comments this week", page.QuerySelector(".news-of-the-week li")!.TextContent);
    }

    [Fact]
    public async Task NewsOfTheWeekGoesWhereTheBodyPlacesIt()
    {
        var page = await site.GetPageAsync("/articles/third-story");

        var block = page.QuerySelector(".news-of-the-week")!;
        Assert.Equal("story-body", block.ParentElement!.ClassName);
        Assert.Equal("Opening paragraph.", block.PreviousElementSibling!.TextContent);
        Assert.StartsWith("Closing paragraph", block.NextElementSibling!.TextContent);
    }

    [Fact]
    public async Task NewsOfTheWeekStandsBesideABodyWithoutAPlace()
    {
        var page = await site.GetPageAsync("/articles/fourth-story");

        var block = page.QuerySelector(".news-of-the-week")!;
        Assert.Equal("story-columns", block.ParentElement!.ClassName);
    }

    [Fact]
    public async Task RelatedArticlesShareTheMostTagsAndCategoryFirst()
    {
        var page = await site.GetPageAsync("/articles/fifth-story");

        var related = page.QuerySelectorAll(".related li a").Select(a => a.TextContent).ToList();

        // Third shares both tags and the category; second shares one tag and the category; fourth one tag.
        // Drafts, scheduled and not-yet-due articles never appear; first shares nothing.
        Assert.Equal(["Third story", "Second story", "Fourth story"], related);
    }

    [Theory]
    [InlineData("/articles/no-such-story")]
    [InlineData("/articles/draft-story")]
    [InlineData("/articles/scheduled-story")]
    [InlineData("/articles/future-story")]
    [InlineData("/articles/third-story?page=2")]
    public async Task ArticlesReadersCannotSeeAreFriendlyNotFoundPages(string url)
    {
        var page = await site.GetPageAsync(url, expectedStatus: 404);

        Assert.Equal("We couldn’t find that page", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/']"));
    }

    [Fact]
    public async Task ArticleWithoutCommentsSaysSo()
    {
        var page = await site.GetPageAsync("/articles/first-story");

        Assert.Equal("No comments", page.QuerySelector("#comments-title")!.TextContent);
        Assert.Equal("No comments yet.", page.QuerySelector("#comments .empty")!.TextContent);
    }

    [Fact]
    public async Task PagesCarryAStrictContentSecurityPolicy()
    {
        using var client = site.CreateReader();

        using var response = await client.GetAsync("/articles/third-story", TestContext.Current.CancellationToken);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }
}
