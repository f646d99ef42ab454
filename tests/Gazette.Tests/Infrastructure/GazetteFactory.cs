using AngleSharp;
using AngleSharp.Dom;
using Gazette.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The real site over a real database of its own (a SQLite file in a temp folder of its own, or a PostgreSQL database
/// made for that folder: see <see cref="TestDatabase"/>), with a clock the test controls.
/// The demo site is loaded unless a test class turns it off to arrange its own data.
/// </summary>
public class GazetteFactory : WebApplicationFactory<Program>
{
    /// <summary>A fixed "now" for every test, so that dates, "news of the week" and scheduling are repeatable.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public string DataFolder { get; } = Directory.CreateTempSubdirectory("gazette-test-").FullName;
    public FakeTimeProvider Clock { get; } = new(Now);

    protected virtual bool LoadDemo => true;

    /// <summary>Whether the site starts from the run's <see cref="DemoSeed"/> (when on its own folder and database).</summary>
    protected virtual bool FromSeed => true;

    /// <summary>Whether the data folder and its database outlive the site (the seed's do, until the run ends).</summary>
    protected virtual bool KeepsData => false;

    private const string DatabaseProviderKey = $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}";
    private const string ConnectionStringKey = $"ConnectionStrings:{DatabaseSettings.ConnectionStringName}";
    private bool seeded;

    /// <summary>Extra configuration, applied over appsettings.json.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = DataFolder,
            ["Demo:Enabled"] = LoadDemo ? "true" : "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests post a form the moment they have read it: the screening's timing rule is turned on by the tests of it.
            ["Moderation:MinSecondsBeforePost"] = "0",
        };
        // Tests write far faster than any reader: the rate limits stay on, far above that (rate-limit tests set their own).
        foreach (var kind in new[] { "Comments", "Edits", "Votes", "Flags", "Accounts" })
        {
            settings[$"RateLimits:{kind}:PerIdentity"] = "1000000";
            settings[$"RateLimits:{kind}:PerIp"] = "1000000";
        }
        // GAZETTE_TEST_REDIS=127.0.0.1:6379: every site shares through that Redis, under keys of its own (CI runs the suite so once).
        if (Environment.GetEnvironmentVariable("GAZETTE_TEST_REDIS") is { Length: > 0 } redis)
        {
            settings["Redis:Configuration"] = redis;
            settings["Redis:Prefix"] = $"gazette-test:{Guid.NewGuid():N}:";
        }
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        // The database goes with the data folder, whichever folder a test class chose.
        foreach (var (key, value) in TestDatabase.SettingsFor(settings["Storage:DataFolder"]!))
        {
            settings.TryAdd(key, value);
        }
        // A new site on its own folder and the run's database starts from the run's seed; any other (a folder or a
        // database a test chose) has a first start of its own.
        if (FromSeed && !seeded && settings["Demo:Enabled"] is "true" or "false" && settings["Storage:DataFolder"] == DataFolder
            && TestDatabase.SettingsFor(DataFolder).Concat([new(DatabaseProviderKey, null), new(ConnectionStringKey, null)])
                .DistinctBy(setting => setting.Key).All(setting => settings.GetValueOrDefault(setting.Key) == setting.Value))
        {
            DemoSeed.CopyInto(DataFolder, Clock.GetUtcNow(), demo: settings["Demo:Enabled"] == "true",
                postgres: settings.GetValueOrDefault(DatabaseProviderKey) == nameof(DatabaseProvider.Postgres));
            seeded = true;
        }
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, ClientAddressFilter>();
        });
    }

    /// <summary>
    /// The test server has no network connection: a request gets the address its test says it comes from
    /// (<see cref="ApiClient.ClientIpHeader"/>), as Kestrel would give it; without the header it has none.
    /// </summary>
    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ApiClient.ClientIpHeader, out var ip))
                {
                    context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip.ToString());
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public HttpClient CreateReader() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>GETs a page, asserts the status, and parses it as a browser would.</summary>
    public async Task<IDocument> GetPageAsync(string url, int expectedStatus = 200)
    {
        using var client = CreateReader();
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == expectedStatus, $"GET {url} answered {(int)response.StatusCode}, expected {expectedStatus}.");
        return await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html).Address("http://localhost" + url));
    }

    public async Task WithDbAsync(Func<GazetteDb, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<GazetteDb>());
    }

    public async Task<T> WithDbAsync<T>(Func<GazetteDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<GazetteDb>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (KeepsData)
        {
            GC.SuppressFinalize(this);
            return;
        }
        // Only this factory's own folder: a folder a test passed in outlives the site (and is dropped by its owner).
        await TestDatabase.DropAsync(DataFolder);
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the run for it would not be.
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The site with an empty database, for tests that arrange exactly the articles they need.</summary>
public class EmptyGazetteFactory : GazetteFactory
{
    protected override bool LoadDemo => false;
}
