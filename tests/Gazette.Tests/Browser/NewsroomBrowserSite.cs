using System.Net;
using Gazette.Accounts;
using Gazette.Newsroom;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Browser;

/// <summary>
/// The real site on a real port with one headless Chromium, for the newsroom: two published stories for the home
/// page, and an author and an editor who sign in through the real form.
/// </summary>
public sealed class NewsroomBrowserSite : EmptyGazetteFactory, IAsyncLifetime
{
    public const string AuthorEmail = "writer@example.com";
    public const string EditorEmail = "desk@example.com";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public NewsroomBrowserSite()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string Address { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(BrowserSite.ChromiumPath))
        {
            return; // each test skips, or fails on CI (see NewPageAsync)
        }
        StartServer();
        Address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        await WithDbAsync(async db =>
        {
            var ana = Author("Ana Writer");
            db.AddRange(Article("Yesterday's story", Now.UtcDateTime.AddDays(-1), ana), Article("Last week's story", Now.UtcDateTime.AddDays(-7), ana));
            await db.SaveChangesAsync();
        });
        await this.EnsureUserAsync(AuthorEmail, "Wren Writer", Roles.Author);
        await this.EnsureUserAsync(EditorEmail, "Desk Editor", Roles.Editor);

        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserSite.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new browser context (its own cookies) on a blank page.</summary>
    public async Task<Tab> NewPageAsync()
    {
        if (browser is null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException($"{BrowserSite.Missing} ({BrowserSite.ChromiumPath} is missing). CI must run the browser tests: .ci/run installs it.");
            }
            Assert.Skip(BrowserSite.Missing);
        }
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = ColorScheme.Light,
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(20_000);
        return new Tab(context, await context.NewPageAsync());
    }

    /// <summary>A staff member's browser, signed in through the sign-in form.</summary>
    public async Task<Tab> SignedInAsync(string email)
    {
        var tab = await NewPageAsync();
        await tab.Page.GotoAsync("/account/sign-in");
        await tab.Page.GetByLabel("Email").FillAsync(email);
        await tab.Page.GetByLabel("Password").FillAsync(StaffAccounts.Password);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return tab;
    }

    /// <summary>The clock moves on and the scheduled publisher runs, as its timer would make it.</summary>
    public async Task AdvanceAndPublishAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(TestContext.Current.CancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        await base.DisposeAsync();
    }
}
