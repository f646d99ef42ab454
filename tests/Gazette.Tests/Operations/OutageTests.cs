using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp;
using Gazette.Operations;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Operations;

/// <summary>
/// While the database cannot be reached, every request gets a clear 503 with Retry-After at once, never a 500, and
/// a comment being sent is not lost (issue 6). The outage here is simulated; Scaling/FaultTests restarts a real server.
/// </summary>
public sealed class OutageTests(OperationsSite site) : IClassFixture<OperationsSite>, IDisposable
{
    [Fact]
    public async Task ApiAnswersProblemDetails503WithRetryAfter()
    {
        using var client = site.CreateReader();
        site.DatabaseDown = true;

        using var response = await client.GetAsync("/api/v1/articles/calm-story/comments", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(DatabaseOutageHandler.RetryAfterSeconds), response.Headers.RetryAfter!.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(DatabaseOutageHandler.ApiMessage, problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ArticlePageAnswersAShortPageSaying503()
    {
        using var client = site.CreateReader();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        await site.ForgetCachedPagesAsync();
        site.DatabaseDown = true;

        using var response = await client.GetAsync(OperationsSite.Story, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var page = await BrowsingContext.New().OpenAsync(request => request.Content(html), TestContext.Current.CancellationToken);
        Assert.Equal("Briefly unavailable", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(DatabaseOutageHandler.PageMessage, page.QuerySelector(".form-errors")!.TextContent);
    }

    [Fact]
    public async Task CommentSentDuringTheOutageComesBackWithItsTextAndGoesThroughOnceTheDatabaseIsBack()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(OperationsSite.Story + "/comment", "form.comment-form");
        const string text = "Written while the server restarted,\nover two lines <b>with</b> markup & all.";
        site.DatabaseDown = true;

        using var refused = await form.Set("AuthorName", "Patient").Set("Body", text).SubmitAsync();

        var page = await browser.ReadPageAsync(refused, 503);
        Assert.Equal(DatabaseOutageHandler.FormMessage, page.QuerySelector(".form-errors")!.TextContent);
        var again = browser.Form(page, "form.outage-form");
        Assert.Equal(text, again["Body"]);
        Assert.Equal("Patient", again["AuthorName"]);

        site.DatabaseDown = false;
        using var sent = await again.PressAsync("Send again");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(1, await site.WithDbAsync(db => db.Comments.CountAsync(c => c.Body == text, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task SignedInReaderWhoseSessionIsCheckedDuringTheOutageGets503()
    {
        using var reader = await site.SignInAsStaffAsync("reader@example.com");
        reader.Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        // Sessions are checked against their account every minute: this request's check needs the database.
        site.Clock.Advance(TimeSpan.FromMinutes(2));
        site.DatabaseDown = true;

        using var response = await reader.Http.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task SiteAnswersAgainAsSoonAsTheDatabaseIsBack()
    {
        using var client = site.CreateReader();
        await site.ForgetCachedPagesAsync();
        site.DatabaseDown = true;
        using var during = await client.GetAsync(OperationsSite.Story, TestContext.Current.CancellationToken);

        site.DatabaseDown = false;
        using var after = await client.GetAsync(OperationsSite.Story, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task PageAlreadyInThePageCacheIsStillServedDuringTheOutage()
    {
        using var client = site.CreateReader();
        await site.ForgetCachedPagesAsync();
        using var before = await client.GetAsync(OperationsSite.Story, TestContext.Current.CancellationToken);
        var cached = await before.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        site.DatabaseDown = true;

        using var during = await client.GetAsync(OperationsSite.Story, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Equal(cached, await during.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose() => site.DatabaseDown = false;
}
