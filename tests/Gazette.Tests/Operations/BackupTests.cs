using System.Net;
using Gazette.Operations;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Scaling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Operations;

/// <summary><c>backup --to FILE</c>: a copy of the SQLite database taken while the site runs and writes (issue 6).</summary>
public sealed class BackupTests
{
    /// <summary>The site on SQLite whatever database the run uses: the command copies SQLite files.</summary>
    private sealed class SqliteSite : OperationsSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Database:Provider", "Sqlite"), new("ConnectionStrings:Gazette", $"Data Source={Path.Combine(DataFolder, "gazette.db")}")];
    }

    [Fact]
    public async Task CopyTakenWhileCommentsArePostedOpensAndHoldsWhatWasPostedBefore()
    {
        await using var site = new SqliteSite();
        var backup = Path.Combine(site.DataFolder, "backups", "gazette-copy.db");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var script = new ApiClient(site, "192.0.2.10");
        using (var first = await script.SendAsync(HttpMethod.Post, "/api/v1/articles/calm-story/comments", new { body = "Posted before the backup." }))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }
        var posted = 0;
        var writing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await script.SendAsync(HttpMethod.Post, "/api/v1/articles/calm-story/comments", new { body = $"Posted during the backup, {posted + 1}." });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                posted++;
            }
        }, TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await GazetteInstance.RunCommandAsync(
            new Dictionary<string, string?> { ["Storage:DataFolder"] = site.DataFolder, ["Database:Provider"] = "Sqlite" }, "backup", "--to", backup);
        await stop.CancelAsync();
        await writing;

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("Backed up ", output);
        Assert.True(posted > 0, "No comment was posted while the backup ran.");
        Assert.False(File.Exists(backup + ".partial"));
        await using var copy = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = copy.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        command.CommandText = """SELECT count(*) FROM "Comments" WHERE "Body" = 'Posted before the backup.'""";
        Assert.Equal(1L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        command.CommandText = """SELECT count(*) FROM "Articles" WHERE "Slug" = 'calm-story'""";
        Assert.Equal(1L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        Assert.False(File.Exists(backup + "-wal"), "The copy should be one file.");
        // The site went on: everything it acknowledged is in its own database.
        Assert.Equal(posted + 1, await site.WithDbAsync(db => db.Comments.CountAsync(c => c.Body.StartsWith("Posted "), TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task OnPostgresItSaysToUsePgDump()
    {
        var (exitCode, _, error) = await GazetteInstance.RunCommandAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Gazette"] = "Host=db.example.org;Database=news;Username=gazette;Password=secret-password",
        }, "backup", "--to", "gazette.db");

        Assert.Equal(BackupCommand.BadInput, exitCode);
        Assert.Contains("pg_dump", error);
        Assert.Contains("'news' on db.example.org", error);
        Assert.DoesNotContain("secret-password", error);
    }

    [Fact]
    public async Task WithoutATargetItSaysHowToUseIt()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-backup-").FullName;
        try
        {
            var (exitCode, _, error) = await GazetteInstance.RunCommandAsync(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder }, "backup");

            Assert.Equal(BackupCommand.BadInput, exitCode);
            Assert.Equal("backup: --to is required. Usage: backup --to FILE", error.Trim());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
