using System.Diagnostics;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Data;

public sealed class StartupTests
{
    /// <summary>A site on this data folder, on the run's database unless the test names one.</summary>
    private sealed class SiteOn(string dataFolder, IEnumerable<KeyValuePair<string, string?>>? database = null) : GazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Storage:DataFolder", dataFolder), .. database ?? []];
    }

    [Fact]
    public async Task StartingTwiceOnTheSameDataFolderDuplicatesNothing()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-twice-").FullName;
        (int Articles, int Comments, int Authors, int Tags) counts;
        await using (var first = new SiteOn(folder))
        {
            await first.GetPageAsync("/");
            counts = await Count(first);
        }

        await using var second = new SiteOn(folder);
        await second.GetPageAsync("/");

        Assert.True(counts.Articles >= 12 && counts.Comments > 500, $"the demo loaded {counts}");
        Assert.Equal(counts, await Count(second));

        static Task<(int, int, int, int)> Count(GazetteFactory site) => site.WithDbAsync(async db => (
            await db.Articles.CountAsync(), await db.Comments.CountAsync(), await db.Authors.CountAsync(), await db.Tags.CountAsync()));
    }

    [Fact]
    public async Task MissingDataFolderIsCreatedWithItsDatabase()
    {
        // The database file in the data folder is SQLite's: on PostgreSQL the folder holds media and keys only.
        var folder = Path.Combine(Directory.CreateTempSubdirectory("gazette-new-").FullName, "not", "there", "yet");

        await using var site = new SiteOn(folder, TestDatabase.SqliteSettings);
        await site.GetPageAsync("/");

        Assert.True(File.Exists(Path.Combine(folder, "gazette.db")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "media", "demo")));
    }

    [Fact]
    public async Task DemoImagesAreServedWithLongCacheHeaders()
    {
        await using var site = new GazetteFactory();
        var page = await site.GetPageAsync("/articles/corvex-nova-7-review");
        var image = page.QuerySelector("figure.featured-image img")!;
        using var client = site.CreateReader();

        using var response = await client.GetAsync(image.GetAttribute("src"), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
        Assert.False(string.IsNullOrWhiteSpace(image.GetAttribute("alt")));
        Assert.Equal(3, image.GetAttribute("srcset")!.Split(',').Length);
    }

    [Fact]
    public async Task DemoContentCanBeSwitchedOff()
    {
        await using var site = new EmptyGazetteFactory();

        var page = await site.GetPageAsync("/");

        Assert.Equal("No articles here yet.", page.QuerySelector(".empty")!.TextContent);
    }

    [Fact]
    public async Task CorruptDatabaseStopsStartupWithOneClearMessage()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-corrupt-").FullName;
        var database = Path.Combine(folder, "gazette.db");
        await File.WriteAllTextAsync(database, "this is not an SQLite database, it is a shopping list: eggs, milk, bread\n" + new string('x', 8192),
            TestContext.Current.CancellationToken);

        var (exitCode, output) = await RunSiteAsync(folder, TestDatabase.AsArguments(TestDatabase.SqliteSettings));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(database, output);
        Assert.Contains("file is not a database", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task DataFolderThatCannotBeCreatedStopsStartupWithOneClearMessage()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("gazette-blocked-").FullName, "a-file");
        await File.WriteAllTextAsync(file, "in the way", TestContext.Current.CancellationToken);
        var folder = Path.Combine(file, "data");

        var (exitCode, output) = await RunSiteAsync(folder);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"cannot create its data folder '{folder}'", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task StartedFromAFolderWithoutTheDemoContentStopsWithOneClearMessage()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-elsewhere-").FullName;
        var elsewhere = Directory.CreateTempSubdirectory("gazette-cwd-").FullName;

        var (exitCode, output) = await RunSiteAsync(folder, TestDatabase.AsArguments(TestDatabase.SqliteSettings), ["--contentRoot", elsewhere]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"Gazette could not start. Demo:Enabled is on and the database has no article, but the demo content is not at '{Path.Combine(elsewhere, "Demo", "content", "demo-content.json")}'", output);
        AssertNoStackTrace(output);
    }

    [Theory]
    [InlineData("Oracle", "", "Database:Provider is 'Oracle': it must be Sqlite (the default) or Postgres.")]
    [InlineData("Postgres", "", "Database:Provider is Postgres but ConnectionStrings:Gazette is not set")]
    [InlineData("Postgres", "Hots=db.example.org", "ConnectionStrings:Gazette is not a PostgreSQL connection string")]
    public async Task AWrongDatabaseSettingStopsStartupWithOneClearMessage(string provider, string connectionString, string message)
    {
        var folder = Directory.CreateTempSubdirectory("gazette-settings-").FullName;

        var (exitCode, output) = await RunSiteAsync(folder, ["--Database:Provider", provider, "--ConnectionStrings:Gazette", connectionString]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"Gazette could not start. {message}", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task AnUnreachablePostgreSqlServerStopsStartupWithOneClearMessageWithoutThePassword()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-unreachable-").FullName;
        var port = ClosedPort();
        var server = $"Host=127.0.0.1;Port={port};Database=news;Username=gazette;Password=Not-For-The-Log-7;Timeout=5";

        var (exitCode, output) = await RunSiteAsync(folder, ["--Database:Provider", "Postgres", "--ConnectionStrings:Gazette", server]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"Gazette could not start. It cannot use its PostgreSQL database 'news' on 127.0.0.1:{port} (user gazette): ", output);
        Assert.DoesNotContain("Not-For-The-Log-7", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task InstancesStartingTogetherOnOneDatabaseTakeTurnsAndLoadTheDemoOnce()
    {
        // Several instances share one database on PostgreSQL (SQLite is for one instance): this runs on PostgreSQL in both runs.
        TestDatabase.RequirePostgres();
        var folder = Directory.CreateTempSubdirectory("gazette-together-").FullName;
        var postgres = TestDatabase.PostgresSettingsFor(folder);

        // Three processes prepare one new database at once (migrations, roles, demo), as instances starting together do;
        // `admin create` prepares it exactly as the site does, then exits.
        var runs = await Task.WhenAll(Enumerable.Range(1, 3).Select(n => RunSiteAsync(folder, TestDatabase.AsArguments(postgres),
            command: ["admin", "create", "--email", $"admin{n}@example.com", "--password", "Taking-Turns-123"])));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Output));
        await using var site = new SiteOn(folder, postgres);
        var demo = Gazette.Demo.DemoContent.Read(Path.Combine(site.Services.GetRequiredService<Gazette.Demo.DemoLoader>().ContentFolder, "demo-content.json"));
        Assert.Equal(demo.Articles.Count, await site.WithDbAsync(db => db.Articles.CountAsync()));
        Assert.Equal(Gazette.Accounts.Roles.All.Length, await site.WithDbAsync(db => db.Roles.CountAsync()));
        Assert.Equal(3, await site.WithDbAsync(db => db.Users.CountAsync()));
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void AssertNoStackTrace(string output) =>
        Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));

    /// <summary>
    /// Runs the built site as an operator would, and returns how it exited and everything it printed. Its database is
    /// the test run's (<see cref="TestDatabase"/>), unless the test gives the database options itself.
    /// </summary>
    private static async Task<(int ExitCode, string Output)> RunSiteAsync(
        string dataFolder, IEnumerable<string>? database = null, IEnumerable<string>? command = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(Program).Assembly.Location },
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var argument in (command ?? []).Concat(["--urls", "http://127.0.0.1:0", "--Storage:DataFolder", dataFolder])
            .Concat(database ?? TestDatabase.ArgumentsFor(dataFolder)))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // A guard against a site that never stops, not a timing: three at once on a loaded 2-core machine took over a minute.
        deadline.CancelAfter(TimeSpan.FromSeconds(180));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The site kept running instead of stopping at start-up:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
