using System.Net;
using System.Text.Json;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Operations.Telemetry;

/// <summary>
/// Issue 11, seeing it run: Gazette's own meter, read as Prometheus reads it. The meter is one for the process, and
/// other tests' sites count on it meanwhile: each test asserts that its own act added at least what it should.
/// </summary>
public sealed class GazetteMetersTests(GazetteMetersTests.Site fixture) : IClassFixture<GazetteMetersTests.Site>
{
    private const string Comments = "/api/v1/articles/calm-story/comments";
    private const string Machine = "127.0.0.1";

    public sealed class Site : IAsyncLifetime
    {
        public TelemetrySite Gazette { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            Gazette = await TelemetrySite.StartAsync(onPort: false, "Telemetry:Prometheus:Enabled=true");

        public async ValueTask DisposeAsync() => await Gazette.DisposeAsync();
    }

    private TelemetrySite Gazette => fixture.Gazette;

    private Task<string> ScrapeAsync() => Gazette.ScrapeAsync(Machine);

    [Fact]
    public async Task PostedCommentCountsAsPublished()
    {
        var before = await ScrapeAsync();
        using var script = new ApiClient(Gazette, Machine);

        await script.CommentAsync(TelemetrySite.Slug, "A published thought on the calm story.");

        var after = await ScrapeAsync();
        AssertGrew(before, after, "gazette_comments_posted_total", "status=\"published\"");
    }

    [Fact]
    public async Task HeldCommentCountsAsPostedAndHeld()
    {
        var before = await ScrapeAsync();
        using var script = new ApiClient(Gazette, Machine);

        using var response = await script.PostAsync(Comments, new { body = "Whoever wrote this is an idiot." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True((await ApiClient.JsonAsync(response)).GetProperty("awaitingModeration").GetBoolean());
        var after = await ScrapeAsync();
        AssertGrew(before, after, "gazette_comments_held_total");
        AssertGrew(before, after, "gazette_comments_posted_total", "status=\"held\"");
    }

    [Fact]
    public async Task EditThatAddsASuspectWordCountsAsHeld()
    {
        using var script = new ApiClient(Gazette, Machine);
        var id = await script.CommentAsync(TelemetrySite.Slug, "A mild remark about the story.");
        var before = await ScrapeAsync();

        using var edited = await script.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{id}", new { body = "A mild remark about this crap story." });

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var after = await ScrapeAsync();
        AssertGrew(before, after, "gazette_comments_held_total");
    }

    [Fact]
    public async Task RefusedCommentCountsItsReason()
    {
        using var script = new ApiClient(Gazette, Machine);
        await script.CommentAsync(TelemetrySite.Slug, "Said once, and then once more.");
        var before = await ScrapeAsync();

        using var again = await script.PostAsync(Comments, new { body = "Said once, and then once more." });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var after = await ScrapeAsync();
        AssertGrew(before, after, "gazette_comments_refused_total", "reason=\"duplicate\"");
    }

    [Fact]
    public async Task PageCacheMissThenHitAreCounted()
    {
        var page = $"{TelemetrySite.Story}?from=metrics-{Guid.NewGuid():N}"; // a page no one has asked for yet
        using var reader = Gazette.Client(Machine);
        var before = await ScrapeAsync();
        (await reader.GetAsync(page, TestContext.Current.CancellationToken)).Dispose();
        var between = await ScrapeAsync();

        using var second = await reader.GetAsync(page, TestContext.Current.CancellationToken);

        Assert.NotNull(second.Headers.Age); // it did come from the cache
        var after = await ScrapeAsync();
        AssertGrew(before, between, "gazette_page_cache_misses_total");
        AssertGrew(between, after, "gazette_page_cache_hits_total");
    }

    [Fact]
    public async Task ReadCountFlushIsCountedWithTheReadsItWrote()
    {
        using var reader = Gazette.Client(Machine);
        (await reader.GetAsync(TelemetrySite.Story, TestContext.Current.CancellationToken)).Dispose();
        var before = await ScrapeAsync();

        var written = await Gazette.Services.GetRequiredService<ReadCountFlusher>().FlushAsync(TestContext.Current.CancellationToken);

        Assert.True(written >= 1, $"the flush wrote {written} reads");
        var after = await ScrapeAsync();
        AssertGrew(before, after, "gazette_read_counts_flushes_total", "outcome=\"written\"");
        AssertGrew(before, after, "gazette_read_counts_reads_total", by: written);
    }

    private static void AssertGrew(string before, string after, string metric, string label = "", double by = 1)
    {
        var (was, now) = (TelemetrySite.Sample(before, metric, label), TelemetrySite.Sample(after, metric, label));
        Assert.True(now - was >= by, $"{metric}{{{label}}} went from {was} to {now}, expected at least +{by}.\n{after}");
    }
}
