using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Deque.AxeCore.Playwright;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Mail;
using Microsoft.Playwright;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Browser;

/// <summary>
/// Issue 16: an embed is a facade that asks the provider for nothing until the reader presses its button, then shows
/// the provider's frame; the page with figures and embeds passes axe-core.
/// </summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed class EmbedBrowserTests(EmbedBrowserTests.Site site) : IClassFixture<EmbedBrowserTests.Site>
{
    public const string Slug = "an-embedded-video";

    public sealed class Site : EmptyGazetteFactory, IAsyncLifetime
    {
        public Site() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

        public string Address { get; private set; } = "";

        public Chromium? Chromium { get; private set; }

        public const string EditorEmail = "embed.editor@example.org";

        public int ArticleId { get; private set; }

        public async ValueTask InitializeAsync()
        {
            if (!Chromium.Installed)
            {
                return;
            }
            StartServer();
            Address = Chromium.AddressOf(Services);
            ArticleId = await WithDbAsync(async db =>
            {
                var article = Article("An embedded video", Now.UtcDateTime.AddHours(-1), Author("Ana Writer"),
                    body: "Watch it:\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n![A harbour crane](https://example.org/crane.jpg \"The last crane | Photo: Ana Lee\")\n\nThe end.");
                db.Articles.Add(article);
                await db.SaveChangesAsync();
                return article.Id;
            });
            await this.EnsureUserAsync(EditorEmail, "Embed Editor", Gazette.Accounts.Roles.Editor);
            Chromium = await Chromium.LaunchAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            if (Chromium is not null)
            {
                await Chromium.DisposeAsync();
            }
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheProviderIsAskedForNothingBeforeTheClickAndItsPrivateFrameAfter()
    {
        var chromium = Chromium.Require(site.Chromium);
        await using var context = await chromium.NewContextAsync(site.Address);
        var elsewhere = await RecordRequestsElsewhereAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/articles/{Slug}");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Show the video here" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(elsewhere);

        await button.ClickAsync();
        var frame = page.Locator(".embed iframe");
        await Assertions.Expect(frame).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
        await MailWait.UntilAsync(() => Task.FromResult(elsewhere.Any(url => url.StartsWith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", StringComparison.Ordinal))),
            "the frame's request to youtube-nocookie.com");
        Assert.All(elsewhere, url => Assert.StartsWith("https://www.youtube-nocookie.com/", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheNewsroomsPreviewPlaysTheEmbedOnAClickAsTheArticlePageDoes()
    {
        var chromium = Chromium.Require(site.Chromium);
        await using var context = await chromium.NewContextAsync(site.Address);
        var elsewhere = await RecordRequestsElsewhereAsync(context);
        var page = await context.NewPageAsync();
        var preview = $"/admin/articles/{site.ArticleId}/preview";
        await page.GotoAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(preview)}");
        await page.Locator("main input[name='Input.Email']").FillAsync(Site.EditorEmail);
        await page.Locator("main input[name='Input.Password']").FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"**{preview}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show the video here" }).ClickAsync();

        await Assertions.Expect(page.Locator(".embed iframe")).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
        // The frame's own request is made only when the page's policy lets it.
        await MailWait.UntilAsync(() => Task.FromResult(elsewhere.Any(url => url.StartsWith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", StringComparison.Ordinal))),
            "the preview's frame request to youtube-nocookie.com");
    }

    [Fact]
    public async Task WithoutScriptTheEmbedIsAPlainLinkToTheOriginal()
    {
        var chromium = Chromium.Require(site.Chromium);
        await using var context = await chromium.NewContextAsync(site.Address, javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/articles/{Slug}");

        await Assertions.Expect(page.Locator(".embed a[href='https://youtu.be/dQw4w9WgXcQ']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".embed button")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task AnArticleWithAFigureAndAnEmbedPassesAxeBeforeAndAfterTheClick()
    {
        var chromium = Chromium.Require(site.Chromium);
        await using var context = await chromium.NewContextAsync(site.Address);
        await context.RouteAsync(url => !url.StartsWith(site.Address, StringComparison.Ordinal), route =>
            route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!doctype html><html lang=en><title>frame</title></html>" }));
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/articles/{Slug}");
        var report = new StringBuilder();

        AccessibilityBrowserTests.Describe(report, "before the click", await page.RunAxe(AccessibilityBrowserTests.Options));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the video here" }).ClickAsync();
        await Assertions.Expect(page.Locator(".embed iframe")).ToBeVisibleAsync();
        AccessibilityBrowserTests.Describe(report, "after the click", await page.RunAxe(AccessibilityBrowserTests.Options));

        Assert.True(report.Length == 0, $"axe found violations:\n{report}");
    }

    /// <summary>Every request off this site, recorded and answered here: the test never reaches the internet.</summary>
    private async Task<ConcurrentQueue<string>> RecordRequestsElsewhereAsync(IBrowserContext context)
    {
        var elsewhere = new ConcurrentQueue<string>();
        await context.RouteAsync(url => !url.StartsWith(site.Address, StringComparison.Ordinal), async route =>
        {
            elsewhere.Enqueue(route.Request.Url);
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!doctype html><title>frame</title>" });
        });
        return elsewhere;
    }
}
