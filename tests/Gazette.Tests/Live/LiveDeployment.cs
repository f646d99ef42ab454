using AngleSharp;
using Gazette.Data;
using Gazette.Tests.Browser;
using Gazette.Tests.Discovery;
using Gazette.Tests.Scaling;
using Microsoft.Playwright;

namespace Gazette.Tests.Live;

/// <summary>
/// Issue 14 as deployed: two Gazette processes (A and B) on one PostgreSQL database and one Redis, nginx in front with
/// deploy/nginx.conf, the demo site, two administrators (Ana and Sam), and one headless Chromium whose contexts are
/// the readers and moderators. Unlike <see cref="TwoProcesses"/>, writes are not rate-limited: these tests post many
/// comments from one address. Each test reads an article of its own (<see cref="Article"/>).
/// </summary>
public sealed class LiveDeployment : IAsyncLifetime
{
    public const string Password = "Live-Password-42";
    public const string Ana = "ana@example.com";
    public const string Sam = "sam@example.com";

    private readonly string redisPrefix = $"gazette-live-{Guid.NewGuid():N}:";
    private string dataFolder = "";
    private Chromium? chromium;
    private List<string> articles = [];
    private int nextArticle;

    public PrivatePostgres Postgres { get; private set; } = null!;
    public RedisServer Redis { get; private set; } = null!;
    public GazetteInstance A { get; private set; } = null!;
    public GazetteInstance B { get; private set; } = null!;
    public Nginx Nginx { get; private set; } = null!;

    private static bool Installed => PrivatePostgres.Installed && RedisServer.Installed && Nginx.Installed && Chromium.Installed;

    public async ValueTask InitializeAsync()
    {
        if (!Installed)
        {
            return; // each test says which is missing (Require)
        }
        Postgres = await PrivatePostgres.StartAsync();
        Redis = await RedisServer.StartAsync();
        dataFolder = Directory.CreateTempSubdirectory("gazette-live-").FullName;
        foreach (var (email, name) in new[] { (Ana, "Ana"), (Sam, "Sam") })
        {
            var (exit, _, error) = await GazetteInstance.RunCommandAsync(Settings(), "admin", "create", "--email", email, "--name", name, "--password", Password);
            Assert.True(exit == 0, error);
        }
        A = await GazetteInstance.StartAsync("A", Settings());
        B = await GazetteInstance.StartAsync("B", Settings());
        Nginx = await Nginx.StartAsync([A, B]);
        using var client = A.CreateClient();
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var page = await BrowsingContext.New().OpenAsync(request => request.Content(home), TestContext.Current.CancellationToken);
        articles = page.QuerySelectorAll("a[href^='/articles/']").Select(a => a.GetAttribute("href")!.Split('#')[0]).Distinct().ToList();
        chromium = await Chromium.LaunchAsync();
    }

    public Dictionary<string, string?> Settings() => new()
    {
        [$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] = nameof(DatabaseProvider.Postgres),
        [$"ConnectionStrings:{DatabaseSettings.ConnectionStringName}"] = Postgres.ConnectionString("gazette"),
        ["Storage:DataFolder"] = dataFolder,
        ["Moderation:MinSecondsBeforePost"] = "0",
        ["RateLimits:Comments:PerIp"] = "100000",
        ["RateLimits:Comments:PerIdentity"] = "100000",
        ["RateLimits:Edits:PerIp"] = "100000",
        ["RateLimits:Edits:PerIdentity"] = "100000",
        ["Redis:Configuration"] = Redis.Configuration,
        ["Redis:Prefix"] = redisPrefix,
    };

    /// <summary>Skips (or fails under CI) a test when PostgreSQL, Redis, nginx or Chromium is not here.</summary>
    public void Require()
    {
        ExternalTools.Require(PrivatePostgres.Installed, PrivatePostgres.Missing);
        ExternalTools.Require(RedisServer.Installed, RedisServer.Missing);
        ExternalTools.Require(Nginx.Installed, Nginx.Missing);
        ExternalTools.Require(Chromium.Installed, Chromium.Missing);
    }

    /// <summary>A demo article no other test of the class uses.</summary>
    public string Article() => articles[Interlocked.Increment(ref nextArticle) % articles.Count];

    /// <summary>A new browser (its own cookies) on one address: an instance's, or nginx's.</summary>
    public async Task<Tab> BrowserAsync(Uri address)
    {
        var context = await Chromium.Require(chromium).NewContextAsync(address.ToString().TrimEnd('/'));
        return new Tab(context, await context.NewPageAsync());
    }

    /// <summary>A browser signed in as one of the administrators, on one address.</summary>
    public async Task<Tab> ModeratorAsync(Uri address, string email)
    {
        var tab = await BrowserAsync(address);
        await tab.Page.GotoAsync("/account/sign-in");
        await tab.Page.Locator("[name='Input.Email']").FillAsync(email);
        await tab.Page.Locator("[name='Input.Password']").FillAsync(Password);
        await tab.Page.Locator("main form [type=submit]").First.ClickAsync();
        await tab.Page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        return tab;
    }

    public async ValueTask DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }
        foreach (var disposable in new IAsyncDisposable?[] { Nginx, A, B, Redis, Postgres })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }
        if (dataFolder.Length > 0)
        {
            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
