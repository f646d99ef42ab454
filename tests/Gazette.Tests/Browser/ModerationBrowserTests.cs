using System.Net;
using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Core.Text;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Browser;

/// <summary>
/// The site on a real port with one article whose comments all wait for moderation, a moderator account, and one
/// headless Chromium (as <see cref="BrowserSite"/>, whose page type it shares).
/// </summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed class ModerationBrowserSite : EmptyGazetteFactory, IAsyncLifetime
{
    public const string ModeratorEmail = "keyboard.moderator@example.com";
    public const string ArticleSlug = "held-discussion";

    private Chromium? chromium;

    public ModerationBrowserSite()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string Address { get; private set; } = "";

    /// <summary>The held comments, oldest first (the queue lists them newest first).</summary>
    public List<int> Held { get; } = [];

    public async ValueTask InitializeAsync()
    {
        if (!Chromium.Installed)
        {
            return;
        }
        StartServer();
        Address = Chromium.AddressOf(Services);
        await this.EnsureUserAsync(ModeratorEmail, "Keyboard Moderator", Roles.Moderator);
        await WithDbAsync(async db =>
        {
            var article = Article("Held discussion", Now.UtcDateTime.AddDays(-1), Author("Ana Writer"));
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            for (var i = 1; i <= 5; i++)
            {
                var body = $"Held comment {i}: buy cheap pills at pills{i}.example";
                var comment = new Comment
                {
                    ArticleId = article.Id, AuthorName = $"Writer {i}", Body = body, BodyHtml = CommentText.ToHtml(body),
                    Status = CommentStatus.Pending, CreatedAt = Now.UtcDateTime.AddMinutes(-60 + i),
                    ModerationReasons = new ModerationRecord([new ModerationReason("suspect-words", "A word held for review: pills.", ["pills"])], 0.5).ToJson(),
                    SpamScore = 0.5,
                };
                db.Comments.Add(comment);
                await db.SaveChangesAsync();
                Held.Add(comment.Id);
            }
        });

        chromium = await Chromium.LaunchAsync();
    }

    public async Task<Tab> NewPageAsync()
    {
        var context = await Chromium.Require(chromium).NewContextAsync(Address);
        return new Tab(context, await context.NewPageAsync());
    }

    public override async ValueTask DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}

/// <summary>The moderation queue in a real browser, driven by moderation.js's keys alone.</summary>
public sealed class ModerationBrowserTests(ModerationBrowserSite site) : IClassFixture<ModerationBrowserSite>
{
    [Fact]
    public async Task AModeratorClearsTheQueueWithTheKeyboardAlone()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/account/sign-in?returnUrl=%2Fadmin%2Fmoderation");
        await page.Locator("main input[name='Input.Email']").FillAsync(ModerationBrowserSite.ModeratorEmail);
        await page.Locator("main input[name='Input.Password']").FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/moderation");
        var held = site.Held; // the queue: newest first, so 5, 4, 3, 2, 1
        await ExpectQueueAsync(page, [held[4], held[3], held[2], held[1], held[0]], current: held[4]);
        await Expect(page.Locator($"#item-{held[4]} .queue-body mark").First).ToHaveTextAsync("pills");

        await page.Keyboard.PressAsync("?");
        await Expect(page.Locator("#shortcut-help")).ToHaveAttributeAsync("open", "");
        await page.Keyboard.PressAsync("?");
        await Expect(page.Locator("#shortcut-help")).Not.ToHaveAttributeAsync("open", "");

        await page.Keyboard.PressAsync("a");                    // approve 5; 4 takes its place
        await ExpectQueueAsync(page, [held[3], held[2], held[1], held[0]], current: held[3]);
        await page.Keyboard.PressAsync("j");                    // to 3
        await Expect(page.Locator(".queue-item.current")).ToHaveAttributeAsync("data-id", held[2].ToString());
        await page.Keyboard.PressAsync("s");                    // 3 is spam; 2 takes its place
        await ExpectQueueAsync(page, [held[3], held[1], held[0]], current: held[1]);
        await page.Keyboard.PressAsync("k");                    // back to 4
        await page.Keyboard.PressAsync("t");                    // 4 to the trash
        await ExpectQueueAsync(page, [held[1], held[0]], current: held[1]);
        await page.Keyboard.PressAsync("x");                    // tick 2
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("x");                    // tick 1
        await page.Keyboard.PressAsync("a");                    // approve both ticked

        await Expect(page.Locator(".queue-empty")).ToBeVisibleAsync();
        await Expect(page.Locator(".queue-item")).ToHaveCountAsync(0);
        await Expect(page.Locator(".staff-nav .nav-count")).ToHaveTextAsync("0 awaiting moderation");
        var statuses = await site.WithDbAsync(db => db.Comments.Where(c => held.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Status));
        Assert.Equal(
            [CommentStatus.Approved, CommentStatus.Approved, CommentStatus.Spam, CommentStatus.Trashed, CommentStatus.Approved],
            held.Select(id => statuses[id]).ToArray());
        Assert.Equal(3, await site.WithDbAsync(db => db.Articles.Where(a => a.Slug == ModerationBrowserSite.ArticleSlug).Select(a => a.CommentCount).SingleAsync()));
        Assert.Empty(tab.Errors);
    }

    /// <summary>The queue reloaded after an action (these items, in order) with moderation.js running (one current item).</summary>
    private static async Task ExpectQueueAsync(IPage page, int[] ids, int current)
    {
        var items = page.Locator(".queue-item");
        await Expect(items).ToHaveCountAsync(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            await Expect(items.Nth(i)).ToHaveAttributeAsync("data-id", ids[i].ToString());
        }
        await Expect(page.Locator(".queue-item.current")).ToHaveAttributeAsync("data-id", current.ToString());
    }
}
