using System.Text.RegularExpressions;
using Gazette.Tests.Browser;
using Gazette.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Urls = Gazette.Tests.Browser.BrowserSite.Urls;

namespace Gazette.Tests.Live;

/// <summary>
/// Issue 14 on one page in Chromium: a reply to a comment on screen goes under it, marked new, with no bar; an edit
/// and a vote change the comment in place; n goes to the next new comment. The site of its own (BrowserSite's
/// articles), so the other browser tests' counts are not touched.
/// </summary>
public sealed class LiveDiscussionBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task AReplyArrivesUnderItsParentMarkedNewAndEditsVotesAndTheNKeyFollow()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync(Urls.Thread);
        await Expect(page.Locator("#comments")).ToHaveAttributeAsync("data-live-state", "open");
        var parent = site.Ids["B"];
        using var writer = new ApiClient(site, "203.0.113.41");

        var reply = await writer.CommentAsync(Urls.Thread.Split('/')[^1], "A reply that arrives live.", parentId: parent, name: "Live");

        var li = page.Locator($"#comment-{parent} > ol.replies > li#comment-{reply}");
        await Expect(li).ToHaveClassAsync(new Regex(@"\bcomment-new\b"));
        await Expect(li.Locator(".comment-text")).ToHaveTextAsync("A reply that arrives live.");
        await Expect(page.Locator(".live-bar")).ToHaveCountAsync(0);
        await Expect(page.Locator("#comments-title")).ToHaveTextAsync("7 comments");

        (await writer.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{reply}", new { body = "A reply, edited live." })).Dispose();
        await Expect(li.Locator(".comment-text")).ToHaveTextAsync("A reply, edited live.");
        await Expect(li.Locator(".comment-edited")).ToHaveCountAsync(1);

        (await new ApiClient(site, "203.0.113.42").PostAsync($"/api/v1/comments/{reply}/vote", new { value = 1 })).Dispose();
        await Expect(li.Locator(".comment-score")).ToHaveTextAsync("1");

        await page.Locator($"#comment-{site.Ids["A"]} > .comment-card").FocusAsync();
        await page.Keyboard.PressAsync("n");
        await Expect(li.Locator(":scope > .comment-card")).ToBeFocusedAsync();
        Assert.Empty(tab.Errors);
    }
}
