using System.Net;
using Gazette.Accounts;
using Gazette.Newsroom;
using Gazette.Tests.Infrastructure;
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

    /// <summary>Small, so that a file over it is cheap to hand the browser; the demo's images weigh about 37 KB.</summary>
    public const long MaxUploadBytes = 512 * 1024;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Media:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private Chromium? chromium;

    public NewsroomBrowserSite()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string Address { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!Chromium.Installed)
        {
            return; // each test skips, or fails on CI (see NewPageAsync)
        }
        StartServer();
        Address = Chromium.AddressOf(Services);
        await WithDbAsync(async db =>
        {
            var ana = Author("Ana Writer");
            db.AddRange(Article("Yesterday's story", Now.UtcDateTime.AddDays(-1), ana), Article("Last week's story", Now.UtcDateTime.AddDays(-7), ana));
            await db.SaveChangesAsync();
        });
        await this.EnsureUserAsync(AuthorEmail, "Wren Writer", Roles.Author);
        await this.EnsureUserAsync(EditorEmail, "Desk Editor", Roles.Editor);

        chromium = await Chromium.LaunchAsync();
    }

    /// <summary>A new browser context (its own cookies) on a blank page.</summary>
    public async Task<Tab> NewPageAsync(ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Chromium.Require(chromium).NewContextAsync(Address, scheme);
        return new Tab(context, await context.NewPageAsync());
    }

    /// <summary>A staff member's browser, signed in through the sign-in form.</summary>
    public async Task<Tab> SignedInAsync(string email, ColorScheme scheme = ColorScheme.Light)
    {
        var tab = await NewPageAsync(scheme);
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
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
