using System.Net;
using System.Net.Sockets;
using AngleSharp.Html.Parser;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Mail;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Gazette.Tests.Browser;

/// <summary>
/// The real site on a port known before it starts (so that Site:BaseUrl, which mailed links are built on, is its own
/// address), sending its mail to a real SMTP server, and one headless Chromium.
/// </summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed class AccountBrowserSite : EmptyGazetteFactory, IAsyncLifetime
{
    private readonly int port = FreePort();
    private Chromium? chromium;

    public AccountBrowserSite()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    public SmtpTestServer Smtp { get; private set; } = null!;

    public string Address => $"http://127.0.0.1:{port}";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Site:BaseUrl", Address),
        new("Mail:From", "news@example.org"),
        new("Mail:PollInterval", "00:00:00.2"),
        .. Smtp.Settings(),
    ];

    public async ValueTask InitializeAsync()
    {
        if (!Chromium.Installed)
        {
            return; // each test skips, or fails on CI (see NewPageAsync)
        }
        Smtp = await SmtpTestServer.StartAsync();
        StartServer();
        chromium = await Chromium.LaunchAsync();
    }

    /// <summary>A new browser context (its own cookies) on a blank page.</summary>
    public async Task<Tab> NewPageAsync()
    {
        var context = await Chromium.Require(chromium).NewContextAsync(Address);
        return new Tab(context, await context.NewPageAsync());
    }

    /// <summary>The link of the <paramref name="count"/>th message the SMTP server received, read from its HTML part.</summary>
    public async Task<(MimeMessage Message, string Link)> MailAsync(int count)
    {
        var message = (await Smtp.WaitForAsync(count))[count - 1].Message;
        var link = new HtmlParser().ParseDocument(message.HtmlBody ?? "").QuerySelector("main a[href]")!.GetAttribute("href")!;
        return (message, link);
    }

    public override async ValueTask DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }
        await base.DisposeAsync();
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A member's account in a real browser, with the mail read from a real SMTP server (issue 12).</summary>
public sealed class AccountBrowserTests(AccountBrowserSite site) : IClassFixture<AccountBrowserSite>
{
    private const string Email = "browsing.member@example.com";
    private const string FirstPassword = "First-Browser-Secret-1";
    private const string NewPassword = "Second-Browser-Secret-2";

    [Fact]
    public async Task AMemberSignsUpVerifiesFromTheMailResetsThePasswordAndSignsOutEverywhere()
    {
        await using var laptop = await site.NewPageAsync();
        var page = laptop.Page;
        await page.GotoAsync("/account/sign-up");
        await page.GetByLabel("Display name").FillAsync("Browsing Member");
        await page.GetByLabel("Email address").FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(FirstPassword);
        await page.GetByLabel("Confirm password").FillAsync(FirstPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check your email");

        var (verification, verifyLink) = await site.MailAsync(1);
        Assert.Equal(Email, Assert.Single(verification.To.Mailboxes).Address);
        Assert.StartsWith(site.Address + "/account/verify?", verifyLink);
        await page.GotoAsync(verifyLink);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify my address" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your address is verified");

        await page.GotoAsync("/account/forgot-password");
        await page.GetByLabel("Email address").FillAsync(Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check your email");
        var (_, resetLink) = await site.MailAsync(2);
        Assert.StartsWith(site.Address + "/account/reset-password?", resetLink);
        await page.GotoAsync(resetLink);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Confirm new password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the new password" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your password has been changed");

        await SignInAsync(page);
        await using var phone = await site.NewPageAsync();
        await SignInAsync(phone.Page);

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        await Expect(page.Locator(".account-nav .account-name")).ToHaveCountAsync(0);
        await phone.Page.GotoAsync("/");

        await Expect(phone.Page.Locator(".account-nav .account-name")).ToHaveCountAsync(0);
        await Expect(phone.Page.Locator(".account-nav a[href^='/account/sign-in']")).ToBeVisibleAsync();
        Assert.Empty(laptop.Errors);
        Assert.Empty(phone.Errors);
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator(".account-nav .account-name")).ToContainTextAsync("Browsing Member");
    }
}
