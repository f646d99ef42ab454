using Gazette.Tests.Discovery;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gazette.Tests.Browser;

/// <summary>
/// One headless Chromium for a test fixture: Debian's, with the flags this machine needs; the tests never download a
/// browser of their own. Without it a browser test skips, or fails under CI=true (where .ci/run installs it).
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";
    public const string Missing = "Chromium is not installed: apt-get install -y chromium";

    private readonly IPlaywright playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static bool Installed => File.Exists(ExecutablePath);

    /// <summary>The browser, or null when it is not installed (<see cref="Require"/> then skips or fails the test).</summary>
    public static async Task<Chromium?> LaunchAsync()
    {
        if (!Installed)
        {
            return null;
        }
        Assertions.SetDefaultExpectTimeout(15_000); // two cores shared with other builds: patient, never sleeping
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Chromium(playwright, browser);
    }

    public static Chromium Require(Chromium? chromium)
    {
        ExternalTools.Require(chromium is not null, Missing);
        return chromium!;
    }

    /// <summary>http://127.0.0.1:port, where a test site started on Kestrel listens.</summary>
    public static string AddressOf(IServiceProvider services) =>
        services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));

    /// <summary>A new reader: its own cookies, on the site's address, desktop-sized unless told.</summary>
    public async Task<IBrowserContext> NewContextAsync(string address, ColorScheme scheme = ColorScheme.Light,
        bool javaScript = true, int width = 1280, int height = 900, int timeoutMs = 20_000)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address,
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(timeoutMs);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
