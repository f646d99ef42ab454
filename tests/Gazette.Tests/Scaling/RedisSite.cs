using Gazette.Scaling;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Scaling;

/// <summary>
/// One instance of a site that several instances serve: its own data folder (so nothing is shared through files), the
/// database of the shared folder given (instances share one; by default the site's own), and the Redis given, under the prefix given (a GUID per test site, so that
/// tests running at once never share keys). What the scaling code logs is kept in <see cref="Log"/>.
/// </summary>
public sealed class RedisSite(string? redis, string prefix, string? sharedFolder = null, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    : EmptyGazetteFactory
{
    public TestLogSink Log { get; } = new();

    public RedisConnection Redis => Services.GetRequiredService<RedisConnection>();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Redis:Configuration", redis ?? ""),
        new("Redis:Prefix", prefix),
        .. sharedFolder is null ? [] : SharedDatabase(sharedFolder),
        .. settings ?? [],
    ];

    /// <summary>The database instances share: the SQLite file in this folder, or in the PostgreSQL run the folder's database.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> SharedDatabase(string folder) => TestDatabase.IsPostgres
        ? TestDatabase.PostgresSettingsFor(folder)
        : [new("ConnectionStrings:Gazette", $"Data Source={Path.Combine(folder, "gazette.db")}")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => Log.AddTo(logging, "Gazette.Scaling"));
    }

    public static string NewPrefix() => $"gazette-test:{Guid.NewGuid():N}:";

    /// <summary>Published articles with these titles, one each, by one author.</summary>
    public Task AddArticlesAsync(params string[] titles) => WithDbAsync(async db =>
    {
        var author = Author("Sam Shared");
        db.AddRange(titles.Select((title, i) => Article(title, Now.UtcDateTime.AddHours(-1 - i), author)));
        await db.SaveChangesAsync();
    });

    /// <summary>Waits, with a deadline, until the condition holds (what another instance does reaches this one through Redis).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {seconds} seconds: {what}");
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>
/// Two instances of one site, A and B, as a load balancer would put them: one database, one Redis server of
/// their own, separate data folders. A prepares the database (and loads the articles given) before B starts.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gazette-shared-").FullName;

    private TwoInstances(RedisServer server, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        Server = server;
        var prefix = RedisSite.NewPrefix();
        A = new RedisSite(server.Configuration, prefix, folder, settings);
        B = new RedisSite(server.Configuration, prefix, folder, settings);
    }

    public RedisServer Server { get; }
    public RedisSite A { get; }
    public RedisSite B { get; }

    /// <summary>The two instances, on a Redis that runs, or that is down until the test starts it.</summary>
    public static async Task<TwoInstances> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, params string[] titles) =>
        await StartAsync(await RedisServer.StartAsync(), settings, titles);

    public static async Task<TwoInstances> StartAsync(RedisServer server, IEnumerable<KeyValuePair<string, string?>> settings, params string[] titles)
    {
        var sites = new TwoInstances(server, settings);
        await sites.A.AddArticlesAsync(titles);
        _ = sites.B.Services;
        return sites;
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Server.DisposeAsync();
        await TestDatabase.DropAsync(folder);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
