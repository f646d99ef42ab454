using System.Text.RegularExpressions;
using Gazette.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Urls = Gazette.Tests.Browser.BrowserSite.Urls;

namespace Gazette.Tests.Moderation.Screening;

/// <summary>A comment written in place (discussion.js) and held: its author sees it at once, marked as waiting, and nobody else does.</summary>
public sealed class HeldCommentBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task AHeldCommentWrittenInPlaceIsShownToItsAuthorMarkedAsWaitingAndToNobodyElse()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync(Urls.Refusals);
        var count = await page.Locator("#comments-title").TextContentAsync();
        await page.Locator("#comments a.write-comment").ClickAsync();
        var form = page.Locator("#comments > .inline-compose form.comment-form");
        await form.Locator("[name=Body]").FillAsync("What a crappy launch.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();

        var held = page.Locator("li.comment-new");
        await Expect(held).ToHaveClassAsync(new Regex(@"\bcomment-pending\b"));
        await Expect(held.Locator(":scope > .comment-card")).ToBeFocusedAsync();
        await Expect(held.Locator(".comment-held")).ToContainTextAsync("Awaiting moderation. Only you can see this comment");
        await Expect(held.Locator(".held-reasons")).ToContainTextAsync("“crappy”");
        await Expect(held.Locator("a.held-status")).ToHaveTextAsync("Why, and how to appeal");
        await Expect(held.Locator("a.reply")).ToBeHiddenAsync();
        await Expect(page.Locator("#comments-title")).ToHaveTextAsync(count!);
        Assert.Empty(tab.Errors);

        await using var other = await site.NewPageAsync();
        await other.Page.GotoAsync(Urls.Refusals);
        await Expect(other.Page.Locator("#comments")).Not.ToContainTextAsync("What a crappy launch.");
        await Expect(other.Page.Locator(".comment-held")).ToHaveCountAsync(0);
    }
}
