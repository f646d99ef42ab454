using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Discovery;

/// <summary>Issue 4: article page views are counted in memory and written to ArticleReadDay in batches.</summary>
public sealed class ReadCountTests(ReadCountTests.Site site) : IClassFixture<ReadCountTests.Site>
{
    public const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

    /// <summary>One article per test (tests of a class run one at a time, but a flush writes everything counted).</summary>
    public sealed class Site : EmptyGazetteFactory
    {
        // Reads are flushed only when a test says so: with the usual 30 s, moving the clock past midnight set off the
        // timer's flush alongside the test's own, and the test could look at the database before the timer's committed.
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Articles:ReadFlushSeconds", "86400")];

        public Site()
        {
            WithDbAsync(async db =>
            {
                var ana = Author("Ana Writer");
                var at = Now.UtcDateTime.AddHours(-2);
                db.AddRange(
                    Article("Cached reads", at, ana), Article("Read across midnight", at, ana), Article("Bots only", at, ana),
                    Article("Other pages", at, ana), Article("Hidden draft", at, ana, status: ArticleStatus.Draft));
                await db.SaveChangesAsync();
            }).GetAwaiter().GetResult();
        }
    }

    private HttpClient Reader(string? userAgent = Browser)
    {
        var client = site.CreateReader();
        if (userAgent is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        }
        return client;
    }

    private async Task<List<(DateOnly Day, long Reads)>> ReadsAsync(string slug) => await site.WithDbAsync(async db =>
        (await db.ArticleReadDays.Where(r => db.Articles.Any(a => a.Id == r.ArticleId && a.Slug == slug))
            .OrderBy(r => r.Day).Select(r => new { r.Day, r.Reads }).ToListAsync(TestContext.Current.CancellationToken))
        .Select(r => (r.Day, r.Reads)).ToList());

    private Task<long> FlushAsync() => site.Services.GetRequiredService<ReadCountFlusher>().FlushAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task ViewsServedFromThePageCacheAreCountedAndWrittenByTheFlush()
    {
        using var reader = Reader();
        var fromCache = 0;
        for (var i = 0; i < 7; i++)
        {
            using var response = await reader.GetAsync("/articles/cached-reads", TestContext.Current.CancellationToken);
            Assert.Equal(200, (int)response.StatusCode);
            fromCache += response.Headers.Age is null ? 0 : 1;
        }
        var before = await ReadsAsync("cached-reads");

        await FlushAsync();

        Assert.True(fromCache >= 5, $"only {fromCache} of 7 views came from the page cache");
        Assert.Empty(before); // nothing is written per view
        Assert.Equal([(new DateOnly(2026, 3, 10), 7L)], await ReadsAsync("cached-reads"));
    }

    [Fact]
    public async Task ReadsAddUpOverFlushesAndLandOnTheirUtcDay()
    {
        await using var own = new Site(); // its clock moves on: no other test shares it
        using var reader = own.CreateReader();
        reader.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Browser);
        var flusher = own.Services.GetRequiredService<ReadCountFlusher>();
        async Task ReadAsync() => (await reader.GetAsync("/articles/read-across-midnight", TestContext.Current.CancellationToken)).Dispose();

        await ReadAsync();
        await ReadAsync();
        await flusher.FlushAsync(TestContext.Current.CancellationToken);
        await ReadAsync();
        await flusher.FlushAsync(TestContext.Current.CancellationToken);
        own.Clock.Advance(TimeSpan.FromHours(13)); // 01:00 UTC the next day
        await ReadAsync();
        await flusher.FlushAsync(TestContext.Current.CancellationToken);

        var days = await own.WithDbAsync(db => db.ArticleReadDays.OrderBy(r => r.Day).Select(r => new { r.Day, r.Reads }).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([(new DateOnly(2026, 3, 10), 3L), (new DateOnly(2026, 3, 11), 1L)], days.Select(d => (d.Day, d.Reads)));
    }

    [Fact]
    public async Task WhatIsLeftIsWrittenWhenTheSiteStops()
    {
        await using var own = new Site();
        using var reader = own.CreateReader();
        reader.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Browser);
        (await reader.GetAsync("/articles/cached-reads", TestContext.Current.CancellationToken)).Dispose();

        await own.Services.GetRequiredService<ReadCountFlusher>().StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, await own.WithDbAsync(db => db.ArticleReadDays.SumAsync(r => r.Reads, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task UnknownSlugsNotFoundPagesAndOtherPagesAreNotCounted()
    {
        using var reader = Reader();
        foreach (var url in new[] { "/articles/no-such-story", "/articles/hidden-draft", "/articles/other-pages?page=9", "/", "/author/ana-writer", "/articles/other-pages/comments/feed" })
        {
            using var response = await reader.GetAsync(url, TestContext.Current.CancellationToken);
        }
        using var head = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/articles/other-pages"), TestContext.Current.CancellationToken);

        await FlushAsync();

        var counted = await site.WithDbAsync(db => db.ArticleReadDays.CountAsync(r => db.Articles.Any(a => a.Id == r.ArticleId && (a.Slug == "other-pages" || a.Slug == "hidden-draft")), TestContext.Current.CancellationToken));
        Assert.Equal(0, counted);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    [InlineData("curl/8.5.0")]
    [InlineData(null)]
    public async Task ObviousBotsAreNotCounted(string? userAgent)
    {
        using var bot = Reader(userAgent);
        using var response = await bot.GetAsync("/articles/bots-only", TestContext.Current.CancellationToken);

        await FlushAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty(await ReadsAsync("bots-only"));
    }

    [Fact]
    public void BrowsersAreNotMistakenForBots()
    {
        Assert.False(ReadCounting.IsBot(Browser));
        Assert.False(ReadCounting.IsBot("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"));
        Assert.False(ReadCounting.IsBot("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"));
    }
}
