using System.Net;
using AngleSharp;
using Gazette.Data;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Scaling;

/// <summary>
/// Two Gazette processes (A and B) on two loopback ports, as a deployment runs them: one PostgreSQL database (a private
/// server), one shared data folder (media, as one shared volume), one Redis (when installed), and nginx in front
/// with deploy/nginx.conf when it is installed. Made once for the tests of a class; each test uses its own readers.
/// </summary>
public sealed class TwoProcesses : IAsyncLifetime
{
    /// <summary>The key IP addresses are hashed with, given so that the tests can hash an address too.</summary>
    public const string IpHashKey = "scaling-tests-ip-hash-key-0123456789abcdef";

    /// <summary>Comments an address may post per minute, over both instances when they share their limits (Redis).</summary>
    public const int CommentsPerIp = 3;

    private readonly string redisPrefix = $"gazette-scaling-{Guid.NewGuid():N}:";
    private string dataFolder = "";

    public PrivatePostgres Postgres { get; private set; } = null!;
    /// <summary>Redis, or null when it is not installed (the tests that need it then skip, or fail under CI).</summary>
    public RedisServer? Redis { get; private set; }
    public GazetteInstance A { get; private set; } = null!;
    public GazetteInstance B { get; private set; } = null!;

    /// <summary>nginx before both, or null when it is not installed (the tests through it then skip, or fail under CI).</summary>
    public Nginx? Nginx { get; private set; }

    /// <summary>A published article of the demo site, with its discussion open.</summary>
    public string ArticlePath { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!PrivatePostgres.Installed)
        {
            return; // each test says so (Require)
        }
        Postgres = await PrivatePostgres.StartAsync();
        if (RedisServer.Installed)
        {
            Redis = await RedisServer.StartAsync();
        }
        dataFolder = Directory.CreateTempSubdirectory("gazette-scaling-").FullName;
        A = await GazetteInstance.StartAsync("A", Settings());
        // B starts once A has prepared the database; starting together is the start-up tests' concern (Data/StartupTests).
        B = await GazetteInstance.StartAsync("B", Settings());
        if (Nginx.Installed)
        {
            Nginx = await Nginx.StartAsync([A, B]);
        }
        using var client = A.CreateClient();
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var page = await BrowsingContext.New().OpenAsync(request => request.Content(home), TestContext.Current.CancellationToken);
        ArticlePath = page.QuerySelector("a[href^='/articles/']")!.GetAttribute("href")!.Split('#')[0];
    }

    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] = nameof(DatabaseProvider.Postgres),
            [$"ConnectionStrings:{DatabaseSettings.ConnectionStringName}"] = Postgres.ConnectionString("gazette"),
            ["Storage:DataFolder"] = dataFolder,
            ["Privacy:IpHashKey"] = IpHashKey,
            ["Moderation:MinSecondsBeforePost"] = "0",
            ["RateLimits:Comments:PerIp"] = CommentsPerIp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:Comments:PerIdentity"] = "1000",
        };
        if (Redis is not null)
        {
            settings["Redis:Configuration"] = Redis.Configuration;
            settings["Redis:Prefix"] = redisPrefix;
        }
        return settings;
    }

    /// <summary>Skips (or fails under CI) a test when the servers could not be made here.</summary>
    public void Require() => Discovery.ExternalTools.Require(PrivatePostgres.Installed, PrivatePostgres.Missing);

    /// <summary>The same, for a test that needs Redis too.</summary>
    public void RequireRedis()
    {
        Require();
        Discovery.ExternalTools.Require(Redis is not null, RedisServer.Missing);
    }

    /// <summary>A browser of one instance (or of nginx): its own cookies, shared with <see cref="On"/> of another address.</summary>
    public static FormClient Browser(Uri address, CookieContainer? cookies = null)
    {
        cookies ??= new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        return new FormClient(http, cookies);
    }

    /// <summary>The same reader (the same cookies) on another instance: cookies are per host, not per port.</summary>
    public static FormClient On(Uri address, FormClient reader) => Browser(address, reader.Cookies);

    public async ValueTask DisposeAsync()
    {
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }
        foreach (var instance in new[] { A, B }.Where(instance => instance is not null))
        {
            await instance.DisposeAsync();
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
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
