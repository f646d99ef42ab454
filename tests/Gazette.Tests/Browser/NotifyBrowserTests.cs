using Gazette.Tests.Infrastructure;
using Gazette.Tests.Notifications;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.Tests.Browser;

/// <summary>Issue 12's browser test, the notifications half: a guest comments with an e-mail, confirms from the mail, is told of a reply, and unsubscribes with one click.</summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed class NotifyBrowserTests
{
    private const string Ann = "ann@example.org";

    [Fact]
    public async Task AGuestConfirmsFromTheMailIsToldOfAReplyAndUnsubscribesWithOneClick()
    {
        await using var chromium = Chromium.Require(await Chromium.LaunchAsync());
        await using var site = await NotifySite.StartAsync(true, []);
        var address = Chromium.AddressOf(site.Services);
        await using var annContext = await chromium.NewContextAsync(address);
        await using var bobContext = await chromium.NewContextAsync(address);
        var ann = await annContext.NewPageAsync();
        var bob = await bobContext.NewPageAsync();

        await ann.GotoAsync($"{NotifySite.Article}/comment");
        await ann.Locator("#AuthorName").FillAsync("Ann");
        await ann.Locator("#AuthorEmail").FillAsync(Ann);
        await ann.Locator("#NotifyReplies").CheckAsync();
        await ann.Locator("#Body").FillAsync("Does anyone agree?");
        await ann.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(ann.Locator(".comment-text").Filter(new() { HasText = "Does anyone agree?" })).ToBeVisibleAsync();
        var commentId = int.Parse(new Uri(ann.Url).Fragment.Replace("#comment-", ""));

        await ann.GotoAsync(NotifySite.Link(await site.WaitForMailToAsync(Ann, 1), "/mail/confirm"));
        await ann.GetByRole(AriaRole.Button, new() { Name = "Yes, e-mail me replies" }).ClickAsync();
        await Expect(ann.Locator("main")).ToContainTextAsync("Replies to your comments will be mailed to ann@example.org.");

        await bob.GotoAsync($"{NotifySite.Article}/comment?replyTo={commentId}");
        await bob.Locator("#AuthorName").FillAsync("Bob");
        await bob.Locator("#Body").FillAsync("I do.");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        var told = await site.WaitForMailToAsync(Ann, 2);
        Assert.Contains("I do.", told.TextBody);

        await ann.GotoAsync(NotifySite.Link(told, "/mail/unsubscribe"));
        await ann.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Expect(ann.Locator("main")).ToContainTextAsync("ann@example.org gets no more mail about replies to your comments.");
    }
}
