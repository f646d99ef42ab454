using System.Diagnostics;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Data;

public sealed class StartupTests
{
    private sealed class SiteOn(string dataFolder) : GazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Storage:DataFolder", dataFolder)];
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
        TestDatabase.SkipOnPostgres("the database file in the data folder; on PostgreSQL the folder holds media and keys only.");
        var folder = Path.Combine(Directory.CreateTempSubdirectory("gazette-new-").FullName, "not", "there", "yet");

        await using var site = new SiteOn(folder);
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
        TestDatabase.SkipOnPostgres("a damaged database file.");
        var folder = Directory.CreateTempSubdirectory("gazette-corrupt-").FullName;
        var database = Path.Combine(folder, "gazette.db");
        await File.WriteAllTextAsync(database, "this is not an SQLite database, it is a shopping list: eggs, milk, bread\n" + new string('x', 8192),
            TestContext.Current.CancellationToken);

        var (exitCode, output) = await RunSiteAsync(folder);

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

    private static void AssertNoStackTrace(string output) =>
        Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));

    /// <summary>Runs the built site as an operator would, and returns how it exited and everything it printed.</summary>
    private static async Task<(int ExitCode, string Output)> RunSiteAsync(string dataFolder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0", "--Storage:DataFolder", dataFolder },
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var argument in TestDatabase.ArgumentsFor(dataFolder))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The site kept running instead of stopping at start-up.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
