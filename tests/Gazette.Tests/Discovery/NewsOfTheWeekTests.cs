using Gazette.Articles;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Discovery;

/// <summary>Issue 4: "news of the week" ranks by comments and reads of the last seven days; editors' pins come first.</summary>
public sealed class NewsOfTheWeekTests(NewsOfTheWeekTests.Site site) : IClassFixture<NewsOfTheWeekTests.Site>
{
    /// <summary>
    /// This week: Discussed has 4 comments (score 80), Widely read 150 reads (150), Both 2 comments and 50 reads (90),
    /// Quiet 1 read; Old news had 500 reads eight days ago and Hidden draft 900 reads (not public); the pinning
    /// articles and pin targets have no activity.
    /// </summary>
    public sealed class Site : EmptyGazetteFactory
    {
        public Site()
        {
            WithDbAsync(async db =>
            {
                var now = Now.UtcDateTime;
                var ana = Author("Ana Writer");
                var (phones, chips) = (Category("Phones"), Category("Chips"));
                var (android, batteries) = (Tag("Android"), Tag("Batteries"));
                Article Add(string title, double daysAgo, Category? category = null, Tag[]? tags = null, ArticleStatus status = ArticleStatus.Published)
                {
                    var article = Article(title, now.AddDays(-daysAgo), ana, category, tags, status: status);
                    db.Articles.Add(article);
                    return article;
                }
                var discussed = Add("Discussed", 3);
                var widelyRead = Add("Widely read", 4);
                var both = Add("Both", 5);
                var quiet = Add("Quiet", 6);
                var old = Add("Old news", 20);
                var draft = Add("Hidden draft", 2, status: ArticleStatus.Draft);
                var pinning = Add("Pinning page", 1, phones, [android, batteries]);
                var pinnedOld = Add("Pinned archive piece", 60, chips);
                var pinnedLater = Add("Pinned later", 50);
                var pinnedDraft = Add("Pinned then pulled", 40, phones, [android], ArticleStatus.Unpublished);
                var plain = Add("Plain page", 1);
                var sharesBoth = Add("Shares both tags", 30, phones, [android, batteries]);
                var sharesOne = Add("Shares one tag", 31, chips, [android]);
                var sharesCategory = Add("Shares the category", 32, phones);
                var sharesNothing = Add("Shares nothing", 33, chips);
                await db.SaveChangesAsync();

                for (var i = 0; i < 4; i++)
                {
                    db.Comments.Add(Comment(discussed, "Reader", $"Comment {i}", now.AddDays(-1)));
                }
                for (var i = 0; i < 2; i++)
                {
                    db.Comments.Add(Comment(both, "Reader", $"Comment {i}", now.AddDays(-2)));
                }
                var today = DateOnly.FromDateTime(now);
                db.ArticleReadDays.AddRange(
                    new ArticleReadDay { ArticleId = widelyRead.Id, Day = today, Reads = 100 },
                    new ArticleReadDay { ArticleId = widelyRead.Id, Day = today.AddDays(-6), Reads = 50 },
                    new ArticleReadDay { ArticleId = both.Id, Day = today.AddDays(-3), Reads = 50 },
                    new ArticleReadDay { ArticleId = quiet.Id, Day = today.AddDays(-1), Reads = 1 },
                    new ArticleReadDay { ArticleId = old.Id, Day = today.AddDays(-8), Reads = 500 },
                    new ArticleReadDay { ArticleId = draft.Id, Day = today, Reads = 900 });

                // The pinning page pins two stories for the week (one of them also in the ranking), one pulled
                // article, and itself; and for related: the pulled one, an archive piece and a story that is also
                // computed as related.
                db.ArticlePins.AddRange(
                    new ArticlePin { ArticleId = pinning.Id, Kind = PinKind.NewsOfTheWeek, Position = 0, PinnedArticleId = pinnedOld.Id },
                    new ArticlePin { ArticleId = pinning.Id, Kind = PinKind.NewsOfTheWeek, Position = 1, PinnedArticleId = pinnedDraft.Id },
                    new ArticlePin { ArticleId = pinning.Id, Kind = PinKind.NewsOfTheWeek, Position = 2, PinnedArticleId = both.Id },
                    new ArticlePin { ArticleId = pinning.Id, Kind = PinKind.NewsOfTheWeek, Position = 3, PinnedArticleId = pinning.Id },
                    new ArticlePin { ArticleId = pinning.Id, Kind = PinKind.NewsOfTheWeek, Position = 4, PinnedArticleId = pinnedLater.Id },
                    new ArticlePin { ArticleId = pinning.Id, Kind = PinKind.Related, Position = 0, PinnedArticleId = pinnedDraft.Id },
                    new ArticlePin { ArticleId = pinning.Id, Kind = PinKind.Related, Position = 1, PinnedArticleId = sharesOne.Id },
                    new ArticlePin { ArticleId = pinning.Id, Kind = PinKind.Related, Position = 2, PinnedArticleId = pinnedOld.Id });
                discussed.CommentCount = 4;
                both.CommentCount = 2;
                await db.SaveChangesAsync();
                _ = (sharesBoth, sharesCategory, sharesNothing, plain);
            }).GetAwaiter().GetResult();
        }
    }

    private static List<string> Week(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll(".news-of-the-week li a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task CommentsWeighMoreThanReadsAndBothCount()
    {
        var page = await site.GetPageAsync("/articles/plain-page");

        // Widely read 150, Both 2×20+50 = 90, Discussed 4×20 = 80, Quiet 1. Old reads and drafts never count.
        Assert.Equal(["Widely read", "Both", "Discussed", "Quiet"], Week(page));
        var counts = page.QuerySelectorAll(".news-of-the-week .week-count").Select(c => c.TextContent).ToList();
        Assert.Equal(["150 reads this week", "2 comments this week", "4 comments this week", "1 read this week"], counts);
    }

    [Fact]
    public async Task TheArticleItselfIsNeverInItsOwnBlock()
    {
        var page = await site.GetPageAsync("/articles/both");

        Assert.Equal(["Widely read", "Discussed", "Quiet"], Week(page));
    }

    [Fact]
    public async Task PinnedStoriesComeFirstInOrderThenTheRankingFillsUpWithoutDuplicates()
    {
        var page = await site.GetPageAsync("/articles/pinning-page");

        // Pins: archive piece, (pulled: dropped), Both, (itself: dropped), Pinned later; then Widely read, Discussed.
        Assert.Equal(["Pinned archive piece", "Both", "Pinned later", "Widely read", "Discussed"], Week(page));
        Assert.Null(page.QuerySelectorAll(".news-of-the-week li")[0].QuerySelector(".week-count"));
    }

    [Fact]
    public async Task PinnedRelatedArticlesComeFirstThenComputedOnesWithoutDuplicatesOrUnpublished()
    {
        var page = await site.GetPageAsync("/articles/pinning-page");

        var related = page.QuerySelectorAll(".related li a").Select(a => a.TextContent).ToList();

        // Pins: (pulled: dropped), Shares one tag, Pinned archive piece; computed: Shares both tags, then the
        // category, Shares one tag being pinned already.
        Assert.Equal(["Shares one tag", "Pinned archive piece", "Shares both tags", "Shares the category"], related);
    }

    [Fact]
    public async Task APinnedArticleThatIsUnpublishedDropsOutAtOnce()
    {
        await using var own = new Site(); // it changes an article
        await own.GetPageAsync("/articles/pinning-page"); // now in the page cache and the details cache

        await own.WithDbAsync(async db =>
        {
            var pulled = db.Articles.Single(a => a.Slug == "pinned-archive-piece");
            pulled.Status = ArticleStatus.Unpublished;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        await own.Services.GetRequiredService<SiteCache>().ArticleChangedAsync("pinned-archive-piece", TestContext.Current.CancellationToken);
        var page = await own.GetPageAsync("/articles/pinning-page");

        Assert.Equal(["Both", "Pinned later", "Widely read", "Discussed", "Quiet"], Week(page));
        Assert.DoesNotContain("Pinned archive piece", page.QuerySelectorAll(".related li a").Select(a => a.TextContent));
    }
}
