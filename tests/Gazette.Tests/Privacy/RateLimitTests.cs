using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gazette.Comments;
using Gazette.Tests.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Privacy;

/// <summary>
/// Writes over their allowance (set low here, with long windows so nothing comes back during a test) are answered
/// 429 with Retry-After and words a reader understands; forms come back with what was typed; others go on writing.
/// Each test writes from addresses of its own, as the allowances are kept per address for the life of the site.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.Site site) : IClassFixture<RateLimitTests.Site>
{
    public sealed class Site : DiscussionSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            .. base.Settings,
            new("RateLimits:Comments:PerIdentity", "2"), new("RateLimits:Comments:PerIp", "5"), new("RateLimits:Comments:WindowSeconds", "3600"),
            new("RateLimits:Edits:PerIdentity", "1"), new("RateLimits:Edits:PerIp", "5"), new("RateLimits:Edits:WindowSeconds", "3600"),
            new("RateLimits:Votes:PerIdentity", "2"), new("RateLimits:Votes:PerIp", "10"), new("RateLimits:Votes:WindowSeconds", "3600"),
            new("RateLimits:Accounts:PerIdentity", "3"), new("RateLimits:Accounts:PerIp", "3"), new("RateLimits:Accounts:WindowSeconds", "3600"),
        ];
    }

    private const string WriteUrl = DiscussionSite.Open + "/comment";
    private const string CommentsApi = "/api/v1/articles/open-story/comments";
    private const string TooFast = "You are posting faster than this site allows. Try again in ";

    private FormClient BrowserFrom(string ip)
    {
        var browser = site.Browser();
        browser.Http.DefaultRequestHeaders.Add(ApiClient.ClientIpHeader, ip);
        return browser;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(FormClient browser, string body, string? name = null)
    {
        var form = await browser.GetFormAsync(WriteUrl, "form.comment-form");
        form.Set("Body", body);
        if (name is not null)
        {
            form.Set("AuthorName", name);
        }
        return await form.SubmitAsync();
    }

    private static int RetryAfter(HttpResponseMessage response)
    {
        Assert.True(response.Headers.RetryAfter?.Delta is not null, "A 429 without a Retry-After header in seconds.");
        return (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
    }

    [Fact]
    public async Task AFormPostedTooOftenComesBackWithTheTextAndTheWait()
    {
        using var browser = BrowserFrom("198.51.100.1");
        // The first comment gives the guest their cookie (their identity); two more use up its allowance of two.
        for (var i = 1; i <= 3; i++)
        {
            using var accepted = await PostFormAsync(browser, $"Form comment {i}");
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        using var refused = await PostFormAsync(browser, "My fourth thought,\nwhich I took time to write.", "Quick Quentin");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = RetryAfter(refused);
        Assert.InRange(wait, 1, 3600);
        var page = await browser.ReadPageAsync(refused, expectedStatus: 429);
        Assert.Equal($"{TooFast}{wait} seconds.", page.QuerySelector("form.comment-form .form-errors")!.TextContent.Trim());
        var form = browser.Form(page, "form.comment-form");
        Assert.Equal("My fourth thought,\nwhich I took time to write.", form["Body"]);
        Assert.Equal("Quick Quentin", form["AuthorName"]);
        Assert.False(await site.WithDbAsync(db => db.Comments.AnyAsync(c => c.Body.StartsWith("My fourth thought"), TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task TheInlineFormOfTheScriptGetsTheFormBackWithTheText()
    {
        using var browser = BrowserFrom("198.51.100.2");
        var refused = 0;
        HttpResponseMessage? last = null;
        for (var i = 1; i <= 4; i++)
        {
            last?.Dispose();
            var form = await browser.GetFormAsync(WriteUrl, "form.comment-form");
            var request = new HttpRequestMessage(HttpMethod.Post, form.Action)
            {
                Content = new FormUrlEncodedContent(form.Set("Body", $"Inline comment {i}").Values),
            };
            request.Headers.Add(CommentForms.ScriptHeader, "1");
            last = await browser.Http.SendAsync(request, TestContext.Current.CancellationToken);
            refused += last.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        Assert.Equal(1, refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        var page = await browser.ReadPageAsync(last, expectedStatus: 429);
        // discussion.js puts this form in place of the one sent: the message above, the text still in it.
        Assert.Equal("Inline comment 4", browser.Form(page, "form.comment-form")["Body"]);
        Assert.StartsWith(TooFast, page.QuerySelector("form.comment-form .form-errors")!.TextContent.Trim());
        last.Dispose();
    }

    [Fact]
    public async Task TheApiAnswersProblemDetailsWithRetryAfter()
    {
        using var script = site.Script("198.51.100.3");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 1; i <= 4; i++)
        {
            last?.Dispose();
            last = await script.PostAsync(CommentsApi, new { body = $"API comment {i}" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", last!.Content.Headers.ContentType!.MediaType);
        var wait = RetryAfter(last);
        var problem = await ApiClient.JsonAsync(last);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal($"{TooFast}{wait} seconds.", problem.GetProperty("detail").GetString());
        last.Dispose();
    }

    [Fact]
    public async Task AnotherReaderIsHeldOnlyWhenTheirAddressIsUsedUp()
    {
        const string shared = "198.51.100.4";
        using var first = site.Script(shared);
        using var second = site.Script(shared);
        using var third = site.Script(shared);
        using var elsewhere = site.Script("198.51.100.5");

        // The first reader: a cookie-less first comment, then two on their own allowance, then refused.
        var firstStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await first.PostAsync(CommentsApi, new { body = $"First reader {i}" });
            firstStatuses.Add(response.StatusCode);
        }
        // Another reader on the same address is not held by the first one's allowance: they use the address's 4th and 5th.
        using var secondOne = await second.PostAsync(CommentsApi, new { body = "Second reader 1" });
        using var secondTwo = await second.PostAsync(CommentsApi, new { body = "Second reader 2" });
        // The address's allowance (5) is used up now, for everyone there; another address is not.
        using var third1 = await third.PostAsync(CommentsApi, new { body = "Third reader" });
        using var away = await elsewhere.PostAsync(CommentsApi, new { body = "From elsewhere" });

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], firstStatuses);
        Assert.Equal(HttpStatusCode.Created, secondOne.StatusCode);
        Assert.Equal(HttpStatusCode.Created, secondTwo.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third1.StatusCode);
        RetryAfter(third1);
        Assert.Equal(HttpStatusCode.Created, away.StatusCode);
    }

    [Fact]
    public async Task VotesHaveAnAllowanceOfTheirOwn()
    {
        using var script = site.Script("198.51.100.6");
        // Comments used up first: votes still go through.
        for (var i = 0; i < 3; i++)
        {
            using var _ = await script.PostAsync(CommentsApi, new { body = $"Voter's comment {i}" });
        }
        using var commentRefused = await script.PostAsync(CommentsApi, new { body = "One too many" });
        var votes = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        foreach (var value in new[] { 1, -1, 1 })
        {
            last?.Dispose();
            last = await script.PostAsync($"/api/v1/comments/{site.ExistingCommentId}/vote", new { value });
            votes.Add(last.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, commentRefused.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], votes);
        var problem = await ApiClient.JsonAsync(last!);
        Assert.StartsWith("You are voting faster than this site allows. Try again in ", problem.GetProperty("detail").GetString());
        last!.Dispose();
    }

    [Fact]
    public async Task AnEditRefusedForSpeedKeepsTheNewText()
    {
        using var browser = BrowserFrom("198.51.100.7");
        using var posted = await PostFormAsync(browser, "Original words");
        var id = int.Parse(posted.Headers.Location!.OriginalString.Split('/').Last());
        var edit = await browser.GetFormAsync($"/comments/{id}/edit", "form.comment-form");
        using var firstEdit = await edit.Set("Body", "Better words").SubmitAsync();

        var again = await browser.GetFormAsync($"/comments/{id}/edit", "form.comment-form");
        using var secondEdit = await again.Set("Body", "Even better words").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, firstEdit.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, secondEdit.StatusCode);
        var page = await browser.ReadPageAsync(secondEdit, expectedStatus: 429);
        Assert.Equal("Even better words", browser.Form(page, "form.comment-form")["Body"]);
        Assert.StartsWith(TooFast, page.QuerySelector(".form-errors")!.TextContent.Trim());
        Assert.Equal("Better words", await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.Body).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task SignInAttemptsAreLimitedPerAddressAndKeepTheEmail()
    {
        using var browser = BrowserFrom("198.51.100.8");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            var form = await browser.GetFormAsync("/account/sign-in");
            last = await form.Set("Input.Email", "someone@example.com").Set("Input.Password", "not-the-password").SubmitAsync();
            statuses.Add(last.StatusCode);
        }
        using var elsewhere = BrowserFrom("198.51.100.9");
        var other = await elsewhere.GetFormAsync("/account/sign-in");
        using var fromElsewhere = await other.Set("Input.Email", "someone@example.com").Set("Input.Password", "not-the-password").SubmitAsync();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        RetryAfter(last!);
        var page = await browser.ReadPageAsync(last!, expectedStatus: 429);
        Assert.Contains("Too many attempts from your connection in a short time. Try again in ", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("someone@example.com", page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(page.QuerySelector("#Input_Password")!.GetAttribute("value")));
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
        last!.Dispose();
    }

    [Fact]
    public async Task ReadingIsNeverLimited()
    {
        using var browser = BrowserFrom("198.51.100.10");
        for (var i = 0; i < 3; i++)
        {
            using var _ = await PostFormAsync(browser, $"Reader comment {i}");
        }
        using var refused = await PostFormAsync(browser, "Refused");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        for (var i = 0; i < 20; i++)
        {
            using var response = await browser.Http.GetAsync(DiscussionSite.Open, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using var api = await browser.Http.GetAsync(CommentsApi, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }
}
