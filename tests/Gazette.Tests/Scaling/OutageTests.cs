using System.Diagnostics;
using System.Net;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Gazette.Tests.Scaling;

/// <summary>
/// Issue 6: Redis going away degrades Gazette, never stops it. Pages are served (uncached, at once), comments are
/// taken (limits let writes through), and when Redis answers again caching and sharing resume without a restart.
/// Each test has a Redis server of its own, which it stops and starts.
/// </summary>
public sealed class OutageTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    /// <summary>A GET by a new anonymous reader: whether it came from the page cache (it then has an Age), and how long it took.</summary>
    private static async Task<(bool Cached, TimeSpan Took, string Html)> ReadAsync(WebApplicationFactory<Program> site, string url)
    {
        using var reader = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var clock = Stopwatch.StartNew();
        using var response = await reader.GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}.");
        return (response.Headers.Age is not null, clock.Elapsed, html);
    }

    private static async Task<HttpStatusCode> CommentAsync(WebApplicationFactory<Program> site, string slug, string body)
    {
        using var guest = new FormClient(site);
        var form = await guest.GetFormAsync($"/articles/{slug}/comment", "form.comment-form");
        using var response = await form.Set("Body", body).SubmitAsync();
        return response.StatusCode;
    }

    private static Task CachedAgainAsync(WebApplicationFactory<Program> site, string url) =>
        RedisSite.EventuallyAsync(async () => (await ReadAsync(site, url)).Cached && (await ReadAsync(site, url)).Cached,
            $"{url} is served from the page cache again");

    [Fact]
    public async Task WithRedisStoppedPagesAreServedUncachedAndCommentsTakenThenCachingResumes()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var site = new RedisSite(redis.Configuration, RedisSite.NewPrefix());
        await site.AddArticlesAsync("Outage story");
        await ReadAsync(site, "/articles/outage-story");
        var cachedBefore = (await ReadAsync(site, "/articles/outage-story")).Cached;

        await redis.StopAsync();
        await RedisSite.EventuallyAsync(() => Task.FromResult(!site.Redis.IsConnected), "the site sees Redis gone");
        var first = await ReadAsync(site, "/articles/outage-story");
        var second = await ReadAsync(site, "/articles/outage-story");
        var home = await ReadAsync(site, "/");
        var posted = await CommentAsync(site, "outage-story", "Written while Redis was down.");
        var afterPosting = await ReadAsync(site, "/articles/outage-story");

        Assert.True(cachedBefore, "The page was not cached while Redis ran.");
        Assert.False(first.Cached || second.Cached || home.Cached, "A page came from a cache while Redis was down.");
        Assert.All(new[] { first.Took, second.Took, home.Took }, took => Assert.True(took < Quick, $"A page took {took} while Redis was down."));
        Assert.Equal(HttpStatusCode.Redirect, posted);
        Assert.Contains("Written while Redis was down.", afterPosting.Html);
        Assert.Contains(site.Log.Messages, message => message.Level == Microsoft.Extensions.Logging.LogLevel.Warning && message.Message.Contains("Redis"));

        await redis.StartAgainAsync();

        await RedisSite.EventuallyAsync(() => Task.FromResult(site.Redis.IsConnected), "the site reconnects to Redis");
        await CachedAgainAsync(site, "/articles/outage-story");
    }

    [Fact]
    public async Task InstancesStartedWhileRedisIsDownServeThenShareOnceItAnswers()
    {
        var redis = RedisServer.NotStarted();
        await using var two = await TwoInstances.StartAsync(redis, [], "Early story");

        var page = await ReadAsync(two.B, "/articles/early-story");
        var posted = await CommentAsync(two.A, "early-story", "Written before Redis ever answered.");
        await redis.StartAgainAsync();
        await RedisSite.EventuallyAsync(() => Task.FromResult(two.A.Redis.IsConnected && two.B.Redis.IsConnected), "both instances connect to Redis");
        // Each made a key while Redis was down and hands it to Redis once reconnected, in the background.
        // Counted by id: an instance reading its key ring twice at once may hand its own key over twice.
        await RedisSite.EventuallyAsync(async () => (await two.A.Redis.Database.ListRangeAsync(two.A.Redis.Key("data-protection-keys")))
                .Select(element => System.Xml.Linq.XElement.Parse(element.ToString()).Attribute("id")?.Value).OfType<string>().Distinct().Count() >= 2,
            "both instances hand their keys to Redis");
        using var admin = await two.A.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync("/admin/settings");
        using var saved = await form.Set("Input.Name", "The Late Quill").SubmitAsync();
        using var onB = two.B.CreateDefaultClient(new CookieContainerHandler(admin.Cookies));

        Assert.Contains("<form", page.Html);
        Assert.Equal(HttpStatusCode.Redirect, posted);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // B subscribed once Redis answered: A's message reaches it.
        await RedisSite.EventuallyAsync(async () => (await ReadAsync(two.B, "/")).Html.Contains("<title>The Late Quill"), "B has the name saved on A");
        // A sealed the cookie with the key it made while Redis was down, now in Redis: B, meeting a key it does not
        // know, reads its key ring again (ASP.NET Core does so in an instance's first minutes; later, at its periodic
        // refresh: docs/configuration.md, Redis).
        using var newsroom = await onB.GetAsync("/admin", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, newsroom.StatusCode);
        await CachedAgainAsync(two.B, "/articles/early-story");
    }
}
