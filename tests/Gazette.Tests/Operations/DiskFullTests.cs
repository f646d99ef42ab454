using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gazette.Operations;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Operations;

/// <summary>
/// When the database's disk is full, readers and scripts are told that, not that the database cannot be reached: 507
/// Insufficient Storage, the text of a form kept, problem details for the API; <c>/health/ready</c> is Unhealthy saying
/// "disk full" while it lasts; once space is freed, writes and health come back (issue 11). The disk really fills:
/// see <see cref="DiskFullSite"/>.
/// </summary>
public sealed class DiskFullTests(DiskFullSite site) : IClassFixture<DiskFullSite>, IAsyncLifetime
{
    private const string CommentsApi = "/api/v1/articles/calm-story/comments";

    public ValueTask InitializeAsync()
    {
        DiskFullSite.RequireRealDiskFull();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ACommentSentWhileTheDiskIsFullComesBackWithItsTextSayingSoAndGoesThroughOnceSpaceIsFreed()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(OperationsSite.Story + "/comment", "form.comment-form");
        var text = DiskFullSite.LongText("Written while the disk was full,");
        await site.FillAsync();

        using var refused = await form.Set("AuthorName", "Patient").Set("Body", text).SubmitAsync();

        Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
        Assert.Contains("no-store", refused.Headers.CacheControl!.ToString());
        var page = await browser.ReadPageAsync(refused, 507);
        Assert.Equal("Cannot save just now", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(DatabaseOutageHandler.DiskFullFormMessage, page.QuerySelector(".form-errors")!.TextContent);
        var again = browser.Form(page, "form.outage-form");
        Assert.Equal(text, again["Body"]);
        Assert.Equal("Patient", again["AuthorName"]);

        await site.FreeAsync();
        using var sent = await again.PressAsync("Send again");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(1, await site.WithDbAsync(db => db.Comments.CountAsync(c => c.Body == text, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task TheApiAnswersProblemDetailsSayingTheDiskIsFull()
    {
        using var script = new ApiClient(site, "198.51.100.70");
        await site.FillAsync();

        using var response = await script.PostAsync(CommentsApi, new { body = DiskFullSite.LongText("From a script,") });

        Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(507, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Insufficient storage", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(DatabaseOutageHandler.DiskFullApiMessage, problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PagesAreStillReadWhileTheDiskIsFull()
    {
        using var client = site.CreateReader();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        await site.ForgetCachedPagesAsync();
        await site.FillAsync();

        using var response = await client.GetAsync(OperationsSite.Story, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReadyIsUnhealthySayingDiskFullWhileWritesFailAndHealthyOnceOneGoesThrough()
    {
        using var client = site.CreateReader();
        using var script = new ApiClient(site, "198.51.100.71");
        using var before = await client.GetAsync(HealthEndpoints.ReadyPath, TestContext.Current.CancellationToken);
        await site.FillAsync();
        using var failed = await script.PostAsync(CommentsApi, new { body = DiskFullSite.LongText("Lost for space,") });

        using var during = await client.GetAsync(HealthEndpoints.ReadyPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.InsufficientStorage, failed.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        var health = await HealthTests.ReadAsync(during);
        Assert.Equal("Unhealthy", health.Checks[HealthEndpoints.DiskCheck]);
        Assert.Equal("Healthy", health.Checks[HealthEndpoints.DatabaseCheck]);
        Assert.Contains("disk full", health.Raw);

        await site.FreeAsync();
        using var saved = await script.PostAsync(CommentsApi, new { body = DiskFullSite.LongText("Saved again,") });
        using var after = await client.GetAsync(HealthEndpoints.ReadyPath, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("Healthy", (await HealthTests.ReadAsync(after)).Checks[HealthEndpoints.DiskCheck]);
    }

    /// <summary>Space freed, and readiness told so, for the next test whatever this one left behind.</summary>
    public async ValueTask DisposeAsync()
    {
        await site.FreeAsync();
        site.Services.GetRequiredService<DiskFullWatch>().ReportSaved();
    }
}
