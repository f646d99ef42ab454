using System.Net;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Comments;

/// <summary>
/// A comment form whose antiforgery token no longer holds (the browser was restarted, which drops the antiforgery
/// cookie, or the reader signed in or out in another tab) is refused, and what the reader wrote comes back with a
/// fresh token to send it again. A form sent from another site is refused without its text being offered back.
/// </summary>
public sealed class StaleFormTests(DiscussionSite site) : IClassFixture<DiscussionSite>
{
    private const string WriteUrl = DiscussionSite.Open + "/comment";

    [Fact]
    public async Task CommentFormLeftOpenOverABrowserRestartComesBackWithItsTextAndGoesThroughWhenSentAgain()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(WriteUrl, "form.comment-form");
        const string text = "\nStarted with an empty line,\nthen <em>markup</em> & a long thought written over an hour.";
        ForgetSessionCookies(browser);
        browser.Http.DefaultRequestHeaders.Add("Origin", "http://localhost");

        using var refused = await form.Set("AuthorName", "Patient Reader").Set("Body", text).SubmitAsync();

        var page = await browser.ReadPageAsync(refused, 400);
        Assert.Equal("Please send that again", page.QuerySelector("h1")!.TextContent);
        var again = browser.Form(page, "form.resend-form");
        Assert.Equal(text, again["Body"]);
        Assert.Equal("Patient Reader", again["AuthorName"]);
        Assert.NotEqual(form["__RequestVerificationToken"], again["__RequestVerificationToken"]);
        Assert.Equal(0, await CountAsync(text));

        using var sent = await again.PressAsync("Send again");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(1, await CountAsync(text));
    }

    [Fact]
    public async Task FormSentFromAnotherSiteIsRefusedWithoutItsTextOfferedBack()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(WriteUrl, "form.comment-form");
        ForgetSessionCookies(browser);
        browser.Http.DefaultRequestHeaders.Add("Origin", "https://elsewhere.example");

        using var refused = await form.Set("Body", "planted-by-another-site").SubmitAsync();

        var page = await browser.ReadPageAsync(refused, 400);
        Assert.Equal("That request could not be accepted", page.QuerySelector("h1")!.TextContent);
        Assert.Null(page.QuerySelector("form.resend-form"));
        Assert.DoesNotContain("planted-by-another-site", page.DocumentElement.OuterHtml);
        Assert.Equal(0, await CountAsync("planted-by-another-site"));
    }

    /// <summary>What a browser restart does: cookies without an expiry (the antiforgery cookie) are gone.</summary>
    private static void ForgetSessionCookies(FormClient browser)
    {
        foreach (Cookie cookie in browser.Cookies.GetCookies(browser.Http.BaseAddress!))
        {
            if (cookie.Expires == DateTime.MinValue)
            {
                cookie.Expired = true;
            }
        }
    }

    private Task<int> CountAsync(string body) =>
        site.WithDbAsync(db => db.Comments.CountAsync(c => c.Body == body, TestContext.Current.CancellationToken));
}
