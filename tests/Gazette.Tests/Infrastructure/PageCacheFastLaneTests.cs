using System.Net;
using Gazette.Articles;
using Gazette.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// Issue 11, the wire: anonymous page-cache hits are sent before routing, authentication and the rate limiter
/// (<see cref="PageCacheFastLane"/>), keeping every rule the page cache keeps.
/// </summary>
public sealed class PageCacheFastLaneTests(PageCacheFastLaneTests.Site site) : IClassFixture<PageCacheFastLaneTests.Site>
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

    public sealed class Site : EmptyGazetteFactory
    {
        // Reads are written only when a test flushes them. One instance on its own: with Redis the fast lane is off.
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Articles:ReadFlushSeconds", "86400"), new("Redis:Configuration", "")];

        public Site()
        {
            WithDbAsync(async db =>
            {
                var ana = Author("Ana Writer");
                foreach (var title in new[] { "Lane story", "Counted story", "Signed story", "Evicted story" })
                {
                    db.Add(Article(title, Now.UtcDateTime.AddHours(-1), ana,
                        body: "A body long enough to be worth compressing. " + string.Concat(Enumerable.Repeat("Words and more words. ", 40))));
                }
                await db.SaveChangesAsync();
            }).GetAwaiter().GetResult();
        }

        public long Served => Services.GetRequiredService<FastPages>().Served;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? acceptEncoding = "br", string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", Browser);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}.");
        return response;
    }

    private static string[] HeadersOf(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers)
            .Where(header => header.Key is not ("Date" or "Age" or "Content-Length")) // a hit knows its length; a render is chunked
            .Select(header => $"{header.Key}: {string.Join(", ", header.Value)}").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task ARepeatedAnonymousViewIsSentByTheFastLaneWithTheSameBytesAndHeaders()
    {
        using var client = site.CreateReader();
        using var first = await GetAsync(client, "/articles/lane-story");
        var before = site.Served;

        using var second = await GetAsync(client, "/articles/lane-story");
        using var third = await GetAsync(client, "/articles/lane-story");

        Assert.Equal(before + 2, site.Served);
        Assert.Equal("br", Assert.Single(third.Content.Headers.ContentEncoding));
        Assert.NotNull(third.Headers.Age);
        Assert.Equal(HeadersOf(first), HeadersOf(third));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken),
            await third.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        // Each encoding is its own copy.
        using var plain = await GetAsync(client, "/articles/lane-story", acceptEncoding: null);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task ASignedInReaderNeverGetsTheAnonymousPageTheFastLaneKeeps()
    {
        using var anonymous = site.CreateReader();
        (await GetAsync(anonymous, "/articles/signed-story")).Dispose();
        (await GetAsync(anonymous, "/articles/signed-story")).Dispose();
        using var reader = await site.SignInAsStaffAsync("lane-reader@example.com");
        var before = site.Served;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/articles/signed-story");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");

        using var response = await reader.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Signed in as", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(before, site.Served);
    }

    [Fact]
    public async Task AReaderWhoHasTakenPartOrSendsCredentialsGoesThroughThePipeline()
    {
        using var client = site.CreateReader();
        (await GetAsync(client, "/articles/signed-story")).Dispose();
        (await GetAsync(client, "/articles/signed-story")).Dispose();
        var before = site.Served;

        using var participant = await GetAsync(client, "/articles/signed-story", cookie: $"{Gazette.Comments.Readers.GuestCookie}=any-reader");
        using var session = await GetAsync(client, "/articles/signed-story", cookie: "gazette_session=not-a-session");

        Assert.Empty(participant.Content.Headers.ContentEncoding);
        Assert.Empty(session.Content.Headers.ContentEncoding);
        Assert.Equal(before, site.Served);
    }

    [Fact]
    public async Task PagesHoldingAnAntiforgeryTokenAreNeverKept()
    {
        using var client = site.CreateReader();
        var before = site.Served;

        for (var i = 0; i < 3; i++)
        {
            using var response = await GetAsync(client, "/account/sign-in?returnUrl=%2Farticles%2Flane-story", "br, gzip");
            Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }

        Assert.Equal(before, site.Served);
    }

    [Fact]
    public async Task ViewsSentByTheFastLaneAreCountedAsReadsButNotABotsViews()
    {
        using var client = site.CreateReader();
        for (var i = 0; i < 5; i++)
        {
            (await GetAsync(client, "/articles/counted-story")).Dispose();
        }
        var served = site.Served;
        using var bot = new HttpRequestMessage(HttpMethod.Get, "/articles/counted-story") { Headers = { { "User-Agent", "Googlebot/2.1" }, { "Accept-Encoding", "br" } } };
        (await client.SendAsync(bot, TestContext.Current.CancellationToken)).Dispose();

        await site.Services.GetRequiredService<ReadCountFlusher>().FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(served + 1, site.Served); // the bot's view was sent by the lane too, and not counted
        var reads = await site.WithDbAsync(db => Task.FromResult(db.ArticleReadDays
            .Where(r => db.Articles.Any(a => a.Id == r.ArticleId && a.Slug == "counted-story")).Sum(r => r.Reads)));
        Assert.Equal(5, reads);
    }

    [Fact]
    public async Task AnEvictedArticleIsRenderedAgainNotSentByTheFastLane()
    {
        using var client = site.CreateReader();
        (await GetAsync(client, "/articles/evicted-story", acceptEncoding: null)).Dispose();
        (await GetAsync(client, "/articles/evicted-story", acceptEncoding: null)).Dispose();
        await site.WithDbAsync(async db =>
        {
            var article = db.Articles.Single(a => a.Slug == "evicted-story");
            db.Add(Comment(article, "Reader", "Fresh comment", GazetteFactory.Now.UtcDateTime));
            article.CommentCount++;
            await db.SaveChangesAsync();
        });
        var before = site.Served;

        await site.Services.GetRequiredService<SiteCache>().ArticleChangedAsync("evicted-story", TestContext.Current.CancellationToken);
        using var fresh = await GetAsync(client, "/articles/evicted-story", acceptEncoding: null);

        Assert.Equal(before, site.Served);
        Assert.Contains("Fresh comment", await fresh.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
