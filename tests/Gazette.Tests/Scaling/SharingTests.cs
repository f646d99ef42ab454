using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Infrastructure;
using Gazette.Scaling;
using Gazette.Tests.Discovery;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Scaling;

/// <summary>
/// Issue 6: two instances of one site sharing a database and a Redis. What a reader or an editor does through one is
/// what every reader sees through the other, on the next request: cached pages, settings, sign-ins, limits, reads.
/// </summary>
public sealed class SharingTests(SharingTests.Sites sites) : IClassFixture<SharingTests.Sites>
{
    /// <summary>The two instances, started by the first test that needs them (so that a missing Redis skips the test, not the class).</summary>
    public sealed class Sites : IAsyncDisposable
    {
        private readonly Lazy<Task<TwoInstances>> started = new(() => TwoInstances.StartAsync(
            [
                new("RateLimits:Comments:PerIdentity", "2"), new("RateLimits:Comments:WindowSeconds", "3600"),
            ],
            "Shared story", "Renamed story", "Told story", "Read story", "Limited story"));

        public Task<TwoInstances> GetAsync() => started.Value;

        public async ValueTask DisposeAsync()
        {
            if (started.IsValueCreated && started.Value.IsCompletedSuccessfully)
            {
                await started.Value.Result.DisposeAsync();
            }
        }
    }

    private static HttpClient Reader(WebApplicationFactory<Program> site)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", ReadCountTests.Browser);
        return client;
    }

    /// <summary>A GET by a new anonymous reader: the page, and whether it came from the page cache (it then has an Age).</summary>
    private static async Task<(string Html, bool Cached)> ReadAsync(WebApplicationFactory<Program> site, string url)
    {
        using var reader = Reader(site);
        using var response = await reader.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response.Headers.Age is not null);
    }

    [Fact]
    public async Task ACommentPostedThroughOneInstanceIsOnTheOthersCachedPageAtTheNextRequest()
    {
        var two = await sites.GetAsync();
        await ReadAsync(two.B, "/articles/shared-story");
        var (_, cachedOnB) = await ReadAsync(two.B, "/articles/shared-story");
        var (_, cachedOnA) = await ReadAsync(two.A, "/articles/shared-story");

        using var guest = new FormClient(two.A);
        var form = await guest.GetFormAsync("/articles/shared-story/comment", "form.comment-form");
        using var posted = await form.Set("Body", "Posted through instance A, read through B.").SubmitAsync();
        var (after, _) = await ReadAsync(two.B, "/articles/shared-story");

        Assert.True(cachedOnB, "B did not cache the article page.");
        Assert.True(cachedOnA, "A did not serve the page B cached: the page cache is not shared.");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Posted through instance A, read through B.", after);
    }

    /// <summary>
    /// The race behind a failing CI run (issue 11, the fast lane): B kept its own copy of the page, and A's eviction
    /// reaches B through Redis a moment after A has answered the post. Instances that share keep no copies of their own.
    /// </summary>
    [Fact]
    public async Task InstancesSharingThroughRedisSendNoPageFromACopyOfTheirOwn()
    {
        var two = await sites.GetAsync();
        await ReadAsync(two.B, "/articles/shared-story");
        var (_, cached) = await ReadAsync(two.B, "/articles/shared-story");

        Assert.True(cached, "B did not cache the article page.");
        Assert.Equal(0, two.B.Services.GetRequiredService<FastPages>().Served);
    }

    [Fact]
    public async Task AnArticleChangedThroughOneInstanceIsNoLongerKeptByTheOther()
    {
        var two = await sites.GetAsync();
        var (before, _) = await ReadAsync(two.B, "/articles/renamed-story");

        await two.A.WithDbAsync(async db =>
        {
            await db.Articles.Where(a => a.Slug == "renamed-story")
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Title, "Renamed through A"), TestContext.Current.CancellationToken);
        });
        await two.A.Services.GetRequiredService<SiteCache>().ArticleChangedAsync("renamed-story", TestContext.Current.CancellationToken);

        Assert.Contains("<h1", before);
        Assert.DoesNotContain("Renamed through A", before);
        // B kept the article's details in memory (for a minute): A's message through Redis lets them go.
        await RedisSite.EventuallyAsync(async () => (await ReadAsync(two.B, "/articles/renamed-story")).Html.Contains("Renamed through A"),
            "B shows the title A saved");
    }

    [Fact]
    public async Task AnInstanceToldOfAChangeLetsTheArticlesCachedPagesGoItself()
    {
        var two = await sites.GetAsync();
        await ReadAsync(two.B, "/articles/told-story");
        var (_, cached) = await ReadAsync(two.B, "/articles/told-story");

        await two.A.WithDbAsync(async db =>
        {
            await db.Articles.Where(a => a.Slug == "told-story")
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Title, "Told through A"), TestContext.Current.CancellationToken);
        });
        // Only the message, as if A's own eviction had come before a page B rendered from what it kept, and stored.
        await two.A.Services.GetRequiredService<InstanceMessages>().ArticleChangedAsync("told-story");

        Assert.True(cached, "B did not cache the article page.");
        await RedisSite.EventuallyAsync(async () => (await ReadAsync(two.B, "/articles/told-story")).Html.Contains("Told through A"),
            "B let its cached page go when told");
    }

    [Fact]
    public async Task SettingsSavedOnOneInstanceAreLiveOnTheOther()
    {
        var two = await sites.GetAsync();
        await ReadAsync(two.B, "/");
        using var admin = await two.A.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync("/admin/settings");

        using var saved = await form.Set("Input.Name", "The Shared Quill").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await RedisSite.EventuallyAsync(async () => (await ReadAsync(two.B, "/")).Html.Contains("<title>The Shared Quill"),
            "B's home page has the name saved on A");
    }

    [Fact]
    public async Task ASignInOnOneInstanceIsHonouredByTheOther()
    {
        var two = await sites.GetAsync();
        using var editor = await two.A.SignInAsStaffAsync("editor@example.com", Roles.Editor);
        using var onB = two.B.CreateDefaultClient(new CookieContainerHandler(editor.Cookies));

        using var newsroom = await onB.GetAsync("/admin/articles", TestContext.Current.CancellationToken);

        // Not a redirect to the sign-in page: B opened the cookie A sealed, with the keys they share.
        Assert.Equal(HttpStatusCode.OK, newsroom.StatusCode);
    }

    [Fact]
    public async Task ARateLimitReachedThroughOneInstanceHoldsOnTheOther()
    {
        var two = await sites.GetAsync();
        using var member = await two.A.SignInAsStaffAsync("reader@example.com");
        using var onA = two.A.CreateDefaultClient(new CookieContainerHandler(member.Cookies));
        using var onB = two.B.CreateDefaultClient(new CookieContainerHandler(member.Cookies));

        var first = await PostCommentAsync(onA, "One of two allowed.");
        var second = await PostCommentAsync(onB, "Two of two allowed.");
        var third = await PostCommentAsync(onA, "Over the allowance on A.");
        var fourth = await PostCommentAsync(onB, "Over the allowance on B.");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first, second));
        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (third, fourth));
    }

    private static async Task<HttpStatusCode> PostCommentAsync(HttpClient client, string body)
    {
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery", TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/articles/limited-story/comments") { Content = JsonContent.Create(new { body }) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task ReadsCountedOnBothInstancesAreWrittenOnceByWhicheverFlushes()
    {
        var two = await sites.GetAsync();
        for (var i = 0; i < 3; i++)
        {
            await ReadAsync(two.A, "/articles/read-story");
        }
        for (var i = 0; i < 2; i++)
        {
            await ReadAsync(two.B, "/articles/read-story");
        }

        var flushedByA = await two.A.Services.GetRequiredService<ReadCountFlusher>().FlushAsync(TestContext.Current.CancellationToken);
        var flushedByB = await two.B.Services.GetRequiredService<ReadCountFlusher>().FlushAsync(TestContext.Current.CancellationToken);

        // A takes every instance's reads (other tests of this class read other articles: at least these five), B none left.
        Assert.True(flushedByA >= 5, $"A flushed {flushedByA} reads");
        Assert.Equal(0L, flushedByB);
        Assert.Equal(5, await two.B.WithDbAsync(db => db.ArticleReadDays.Where(r => db.Articles.Any(a => a.Id == r.ArticleId && a.Slug == "read-story"))
            .SumAsync(r => r.Reads, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task BothInstancesHashAnAddressAlike()
    {
        var two = await sites.GetAsync();
        var address = IPAddress.Parse("198.51.100.23");

        var onA = two.A.Services.GetRequiredService<IpHasher>().Hash(address);
        var onB = two.B.Services.GetRequiredService<IpHasher>().Hash(address);

        // Each made a key of its own in its data folder; the first in Redis is the one both use, and both keep it there.
        Assert.NotNull(onA);
        Assert.Equal(onA, onB);
        Assert.Equal(File.ReadAllBytes(Path.Combine(two.A.DataFolder, "secrets", "ip-hash.key")),
            File.ReadAllBytes(Path.Combine(two.B.DataFolder, "secrets", "ip-hash.key")));
    }
}
