using System.Net;
using System.Text;
using Deque.AxeCore.Commons;
using Gazette.Tests.Discovery;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gazette.Tests.Browser;

/// <summary>
/// Issue 4: the public pages pass axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules in Chromium, in the light and the
/// dark colour scheme (the stylesheet has both, so contrast is checked in each).
/// </summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed class AccessibilityBrowserTests(AccessibilityBrowserTests.Site site) : IClassFixture<AccessibilityBrowserTests.Site>
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>The demo site on a real port, and one headless Chromium (Debian's, as in <see cref="BrowserSite"/>).</summary>
    public sealed class Site : GazetteFactory, IAsyncLifetime
    {
        public Site() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

        /// <summary>Discussions cut by a small comment budget: their "more replies" links are checked too.</summary>
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Discussion:CommentBudget", PublicPages.CommentBudget)];

        public string Address { get; private set; } = "";

        public Chromium? Chromium { get; private set; }

        public IReadOnlyList<(string Name, string Url)> Pages { get; private set; } = [];

        /// <summary>An open article with the fewest comments, for the interactive checks.</summary>
        public string ShortDiscussion { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            if (!Chromium.Installed)
            {
                return;
            }
            StartServer();
            Address = Browser.Chromium.AddressOf(Services);
            Pages = await WithDbAsync(PublicPages.FindAsync);
            ShortDiscussion = "/articles/" + await WithDbAsync(db => db.Articles.Where(a => a.CommentCount > 0 && !a.CommentsClosed)
                .OrderBy(a => a.CommentCount).Select(a => a.Slug).FirstAsync());
            Chromium = await Browser.Chromium.LaunchAsync();
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
    public Task PublicPagesPassAxeInTheLightScheme() => CheckAsync(ColorScheme.Light);

    [Fact]
    public Task PublicPagesPassAxeInTheDarkScheme() => CheckAsync(ColorScheme.Dark);

    private async Task CheckAsync(ColorScheme scheme)
    {
        Chromium.Require(site.Chromium);
        await using var context = await NewContextAsync(scheme);
        var page = await context.NewPageAsync();
        var report = new StringBuilder();
        // A discussion's second page repeats the first one's markup, and axe takes seconds on a long page: once is enough.
        foreach (var (name, url) in site.Pages.Where(p => !p.Url.Contains("?page=", StringComparison.Ordinal)))
        {
            await page.GotoAsync(url);
            Describe(report, $"{name} ({url})", await page.CheckAxeAsync(Options));
        }
        Assert.True(report.Length == 0, $"axe found violations in the {scheme} scheme:\n{report}");
    }

    /// <summary>
    /// The one-time setup page (read before any administrator exists), then the newsroom and administration pages as
    /// an administrator signed in through the form sees them, in both schemes.
    /// </summary>
    [Fact]
    public async Task SetupAndStaffPagesPassAxe()
    {
        Chromium.Require(site.Chromium);
        var report = new StringBuilder();
        await using (var anonymous = await NewContextAsync(ColorScheme.Light))
        {
            var page = await anonymous.NewPageAsync();
            await page.GotoAsync("/setup");
            Describe(report, "one-time setup", await page.CheckAxeAsync(Options));
        }

        await site.EnsureUserAsync(StaffPages.AdministratorEmail, "Checker", Gazette.Accounts.Roles.Administrator);
        var pages = await site.WithDbAsync(StaffPages.FindAsync);
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var context = await NewContextAsync(scheme);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/sign-in");
            await page.Locator("#Input_Email").FillAsync(StaffPages.AdministratorEmail);
            await page.Locator("#Input_Password").FillAsync(StaffAccounts.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.Locator(".account-name")).ToBeVisibleAsync();
            foreach (var (name, url) in pages)
            {
                await page.GotoAsync(url);
                Describe(report, $"{scheme}: {name} ({url})", await page.CheckAxeAsync(Options));
            }
        }
        Assert.True(report.Length == 0, $"axe found violations:\n{report}");
    }

    /// <summary>
    /// What appears on interaction: the comment form opened in place and refused (its messages beside the fields),
    /// and the sign-in form refused. Checked in both schemes on a short discussion (axe takes seconds per long page).
    /// </summary>
    [Fact]
    public async Task FormsOpenedInPlaceAndTheirErrorsPassAxe()
    {
        Chromium.Require(site.Chromium);
        var report = new StringBuilder();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var context = await NewContextAsync(scheme);
            var page = await context.NewPageAsync();

            await page.GotoAsync(site.ShortDiscussion);
            await page.Locator("#comments a.write-comment").ClickAsync();
            var form = page.Locator("#comments > .inline-compose form.comment-form");
            await form.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
            await Assertions.Expect(form.Locator(".field-error:not(:empty)")).ToBeVisibleAsync();
            Describe(report, $"{scheme}: comment form opened in place and refused", await page.CheckAxeAsync(Options));

            await page.GotoAsync("/account/sign-in");
            await page.Locator("#Input_Email").FillAsync("nobody@example.org");
            await page.Locator("#Input_Password").FillAsync("not the password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.Locator(".form-errors")).ToBeVisibleAsync();
            Describe(report, $"{scheme}: sign-in refused", await page.CheckAxeAsync(Options));

            // A checker that finds nothing proves nothing: it must see an image without a text alternative.
            await page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><head><title>Broken</title></head><body><main><img src=\"/favicon.svg\"></main></body></html>");
            Assert.Contains((await page.CheckAxeAsync(Options)).Violations, v => v.Id == "image-alt");
        }
        Assert.True(report.Length == 0, $"axe found violations:\n{report}");
    }

    internal static readonly AxeRunOptions Options = new() { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } };

    private Task<IBrowserContext> NewContextAsync(ColorScheme scheme) => site.Chromium!.NewContextAsync(site.Address, scheme, timeoutMs: 30_000);

    internal static void Describe(StringBuilder report, string where, AxeResult result)
    {
        foreach (var violation in result.Violations)
        {
            report.AppendLine($"- {where}: {violation.Id} ({violation.Impact}) {violation.Help}");
            foreach (var node in violation.Nodes.Take(5))
            {
                report.AppendLine($"    {node.Target}: {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None).Take(2))
                {
                    report.AppendLine($"      {check.Message}");
                }
            }
        }
    }
}
