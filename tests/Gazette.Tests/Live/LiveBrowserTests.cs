using System.Text.RegularExpressions;
using Gazette.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.Tests.Live;

/// <summary>
/// Issue 14 in real browsers on two instances behind nginx, with PostgreSQL and Redis: what one reader writes on one
/// instance reaches a reader of the other within 2 seconds; held comments do not until approved; a deletion takes the
/// comment away; a reader whose connection dropped catches up; Redis going away costs live updates for a while, never
/// the pages; two moderators see each other's work in the queue.
/// </summary>
public sealed class LiveBrowserTests(LiveDeployment site) : IClassFixture<LiveDeployment>
{
    /// <summary>The issue's promise, from the moment the writer's page has its comment.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions WithinTwoSeconds = new() { Timeout = 2000 };

    [Fact]
    public async Task ACommentPostedOnOneInstanceReachesAReaderOfTheOtherWithinTwoSecondsBehindTheNewCommentsBar()
    {
        site.Require();
        var article = site.Article();
        await using var reader = await OpenAsync(site.A.Address, article);
        await using var throughNginx = await OpenAsync(site.Nginx.Address, article);
        await using var writer = await OpenAsync(site.B.Address, article);
        var before = await reader.Page.Locator("#comments li.comment").CountAsync();

        var id = await WriteAsync(writer.Page, "Zoë", "Written on B, read on A <b>as typed</b>.");

        await Expect(reader.Page.Locator("button.live-bar")).ToHaveTextAsync("1 new comment", WithinTwoSeconds);
        await Expect(throughNginx.Page.Locator("button.live-bar")).ToHaveTextAsync("1 new comment", WithinTwoSeconds);
        Assert.Equal(before, await reader.Page.Locator("#comments li.comment").CountAsync()); // nothing moved under the reader's eyes
        await reader.Page.Locator("button.live-bar").ClickAsync();
        var shown = reader.Page.Locator($"#comment-{id}");
        await Expect(shown.Locator(".comment-text")).ToHaveTextAsync("Written on B, read on A <b>as typed</b>.");
        await Expect(shown).ToHaveClassAsync(new Regex(@"\bcomment-new\b"));
        await Expect(shown.Locator(":scope > .comment-card")).ToBeFocusedAsync();
        await Expect(reader.Page.Locator("#comments-title")).ToHaveTextAsync(await writer.Page.Locator("#comments-title").TextContentAsync() ?? "");
        // The writer's own comment is on their page once, with no bar for it.
        await Expect(writer.Page.Locator($"#comment-{id}")).ToHaveCountAsync(1);
        await Expect(writer.Page.Locator(".live-bar")).ToHaveCountAsync(0);
        Assert.Empty(reader.Errors.Concat(writer.Errors).Concat(throughNginx.Errors));
    }

    [Fact]
    public async Task AHeldCommentReachesNobodyUntilAModeratorApprovesIt()
    {
        site.Require();
        var article = site.Article();
        await using var reader = await OpenAsync(site.A.Address, article);
        await using var writer = await OpenAsync(site.B.Address, article);
        var held = await WriteAsync(writer.Page, "Rude", "You idiot, read it again.");
        await Expect(writer.Page.Locator($"#comment-{held}")).ToHaveClassAsync(new Regex(@"\bcomment-pending\b"));

        var fine = await WriteAsync(writer.Page, "Calm", "A calmer comment after it.");

        await Expect(reader.Page.Locator("button.live-bar")).ToHaveTextAsync("1 new comment", WithinTwoSeconds);
        await reader.Page.Locator("button.live-bar").ClickAsync();
        await Expect(reader.Page.Locator($"#comment-{fine}")).ToBeVisibleAsync();
        await Expect(reader.Page.Locator($"#comment-{held}")).ToHaveCountAsync(0);

        await using var moderator = await site.ModeratorAsync(site.B.Address, LiveDeployment.Ana);
        await moderator.Page.GotoAsync($"/admin/moderation?article={article.Split('/')[^1]}");
        await moderator.Page.Locator($"#item-{held} button[value='approve:{held}']").ClickAsync();
        await moderator.Page.WaitForURLAsync(new Regex("/admin/moderation"));

        await Expect(reader.Page.Locator("button.live-bar")).ToHaveTextAsync("1 new comment", WithinTwoSeconds);
        await reader.Page.Locator("button.live-bar").ClickAsync();
        await Expect(reader.Page.Locator($"#comment-{held} .comment-text")).ToHaveTextAsync("You idiot, read it again.");
    }

    [Fact]
    public async Task ADeletedCommentLeavesTheOtherReadersPage()
    {
        site.Require();
        var article = site.Article();
        await using var reader = await OpenAsync(site.A.Address, article);
        await using var writer = await OpenAsync(site.B.Address, article);
        var id = await WriteAsync(writer.Page, "Fickle", "I will take this back.");
        await Expect(reader.Page.Locator("button.live-bar")).ToHaveTextAsync("1 new comment", WithinTwoSeconds);
        await reader.Page.Locator("button.live-bar").ClickAsync();
        await Expect(reader.Page.Locator($"#comment-{id}")).ToBeVisibleAsync();

        await writer.Page.GotoAsync($"/comments/{id}/delete");
        await writer.Page.Locator("main form button.danger").ClickAsync();
        await writer.Page.WaitForURLAsync(url => !url.Contains("/delete", StringComparison.Ordinal));

        await Expect(reader.Page.Locator($"#comment-{id}")).ToHaveCountAsync(0, new() { Timeout = 2000 });
    }

    [Fact]
    public async Task AReaderWhoseConnectionDroppedCatchesUpWithWhatWasSaidMeanwhileEachCommentOnce()
    {
        site.Require();
        var article = site.Article();
        // The reader's instance goes away and comes back on the same address: its stream drops, as with a restart.
        var settings = site.Settings();
        settings["urls"] = $"http://127.0.0.1:{Scaling.FreePort.Next()}";
        var instance = await Scaling.GazetteInstance.StartAsync("C", settings);
        try
        {
            await using var reader = await OpenAsync(instance.Address, article);
            await using var writer = await OpenAsync(site.B.Address, article);
            var before = await WriteAsync(writer.Page, "Early", "Said while you were here.");
            await Expect(reader.Page.Locator("button.live-bar")).ToHaveTextAsync("1 new comment");

            await instance.DisposeAsync();
            await Expect(reader.Page.Locator("#comments")).ToHaveAttributeAsync("data-live-state", "connecting");
            var first = await WriteAsync(writer.Page, "Meanwhile", "Said while you were away.");
            var second = await WriteAsync(writer.Page, "Meanwhile", "And this too.");
            instance = await Scaling.GazetteInstance.StartAsync("C", settings);

            await Expect(reader.Page.Locator("button.live-bar")).ToHaveTextAsync("3 new comments");
            await reader.Page.Locator("button.live-bar").ClickAsync();
            foreach (var id in new[] { before, first, second })
            {
                await Expect(reader.Page.Locator($"#comment-{id}")).ToHaveCountAsync(1);
            }
            await Expect(reader.Page.Locator(".live-bar")).ToHaveCountAsync(0);
        }
        finally
        {
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task WithoutRedisPagesStillWorkAndLiveUpdatesResumeWithWhatWasMissedWhenItIsBack()
    {
        site.Require();
        var article = site.Article();
        await using var reader = await OpenAsync(site.A.Address, article);
        await using var writer = await OpenAsync(site.B.Address, article);

        await site.Redis.StopAsync();
        int during;
        try
        {
            during = await WriteAsync(writer.Page, "Unrelayed", "Written while Redis is away.");
            using var client = site.A.CreateClient();
            // Newest first: on an article with hundreds of comments, oldest first puts it on a later page.
            Assert.Contains("Written while Redis is away.", await client.GetStringAsync(article + "?sort=newest", TestContext.Current.CancellationToken));
        }
        finally
        {
            await site.Redis.StartAgainAsync();
        }

        await Expect(reader.Page.Locator("button.live-bar")).ToHaveTextAsync("1 new comment");
        var after = await WriteAsync(writer.Page, "Relayed", "Written once Redis is back.");
        await Expect(reader.Page.Locator("button.live-bar")).ToHaveTextAsync("2 new comments");
        await reader.Page.Locator("button.live-bar").ClickAsync();
        await Expect(reader.Page.Locator($"#comment-{during}")).ToHaveCountAsync(1);
        await Expect(reader.Page.Locator($"#comment-{after}")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task TwoModeratorsSeeEachOthersWorkInTheQueue()
    {
        site.Require();
        var article = site.Article();
        var queue = $"/admin/moderation?article={article.Split('/')[^1]}";
        await using var ana = await site.ModeratorAsync(site.A.Address, LiveDeployment.Ana);
        await using var sam = await site.ModeratorAsync(site.B.Address, LiveDeployment.Sam);
        foreach (var page in new[] { ana.Page, sam.Page })
        {
            await page.GotoAsync(queue);
            await Expect(page.Locator(".queue-live")).ToHaveAttributeAsync("data-live-state", "open");
        }
        await using var writer = await OpenAsync(site.B.Address, article);

        var held = await WriteAsync(writer.Page, "Rude", "Shut up, moron.");

        foreach (var page in new[] { ana.Page, sam.Page })
        {
            var note = page.Locator(".queue-live a");
            await Expect(note).ToHaveTextAsync("1 new comment waits: show it", WithinTwoSeconds);
            await note.ClickAsync();
            await Expect(page.Locator($"#item-{held}")).ToBeVisibleAsync();
            await Expect(page.Locator(".queue-live")).ToHaveAttributeAsync("data-live-state", "open");
        }
        // Sam opens it to edit, in another tab: Ana's queue says so.
        var editing = await sam.Context.NewPageAsync();
        await editing.GotoAsync($"/admin/moderation/comments/{held}/edit");
        await Expect(ana.Page.Locator($"#item-{held} .queue-live-mark")).ToHaveTextAsync("Open with Sam", WithinTwoSeconds);

        await ana.Page.Locator($"#item-{held} button[value='approve:{held}']").ClickAsync();

        await Expect(sam.Page.Locator($"#item-{held} .queue-live-mark")).ToHaveTextAsync("Approved by Ana", WithinTwoSeconds);
        await Expect(sam.Page.Locator($"#item-{held} button[value='approve:{held}']")).ToBeDisabledAsync();
    }

    /// <summary>A new reader on an address with the article open and its live stream connected.</summary>
    private async Task<Tab> OpenAsync(Uri address, string article)
    {
        var tab = await site.BrowserAsync(address);
        await tab.Page.GotoAsync(article);
        await Expect(tab.Page.Locator("#comments")).ToHaveAttributeAsync("data-live-state", "open");
        return tab;
    }

    /// <summary>Writes a comment with the form opened in place, as a reader does; its id once the page shows it.</summary>
    private static async Task<int> WriteAsync(IPage page, string name, string text)
    {
        await page.Locator("#comments a.write-comment").ClickAsync();
        var form = page.Locator("#comments > .inline-compose form.comment-form");
        await form.Locator("[name=AuthorName]").FillAsync(name);
        await form.Locator("[name=Body]").FillAsync(text);
        await form.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        var comment = page.Locator("#comments li.comment").Filter(new() { Has = page.Locator(":scope > .comment-card > .comment-text", new() { HasText = text }) });
        await Expect(comment).ToHaveCountAsync(1);
        return int.Parse((await comment.GetAttributeAsync("id"))!["comment-".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
