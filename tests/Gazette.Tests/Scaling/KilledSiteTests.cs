using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Gazette.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gazette.Tests.Scaling;

/// <summary>
/// A site killed (SIGKILL: no shutdown, nothing flushed) while comments are posted loses none it acknowledged (issue 11:
/// the attacker's three kill -9 runs, held as a test, so that a change to the write path cannot lose a comment).
/// </summary>
public sealed class KilledSiteTests
{
    private const int Writers = 4;

    [Fact]
    public async Task CommentsAcknowledgedBeforeTheSiteIsKilledAreAllStoredWhenItStartsAgain()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-killed-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = folder,
            ["Moderation:MinSecondsBeforePost"] = "0",
            ["RateLimits:Enabled"] = "false",
        };
        foreach (var (key, value) in TestDatabase.SettingsFor(folder))
        {
            settings[key] = value;
        }
        try
        {
            var acknowledged = new ConcurrentQueue<string>();
            var gazette = await GazetteInstance.StartAsync("killed", settings);
            var killed = false;
            try
            {
                var article = await gazette.FirstArticleAsync();
                using var stop = new CancellationTokenSource();
                var writers = Enumerable.Range(1, Writers).Select(async writer =>
                {
                    using var script = await Readers.Script.StartAsync(gazette.Address, TimeSpan.FromSeconds(30));
                    for (var n = 1; !stop.IsCancellationRequested; n++)
                    {
                        var text = $"Comment {n} of writer {writer}, until the site is killed.";
                        try
                        {
                            using var response = await script.PostCommentAsync(article, text, CancellationToken.None);
                            if (response.StatusCode == HttpStatusCode.Created)
                            {
                                acknowledged.Enqueue(text);
                            }
                        }
                        catch (HttpRequestException)
                        {
                            return; // killed under the request: not acknowledged
                        }
                    }
                }).ToList();
                await UntilAsync(() => acknowledged.Count >= 200, "200 comments posted");
                killed = true;
                await gazette.DisposeAsync(); // SIGKILL, writers still posting
                await stop.CancelAsync();
                await Task.WhenAll(writers);
            }
            finally
            {
                if (!killed)
                {
                    await gazette.DisposeAsync();
                }
            }

            // Started again, it recovers the database (SQLite's WAL) and serves what it acknowledged.
            await using (var again = await GazetteInstance.StartAsync("restarted", settings))
            {
                var stored = await StoredBodiesAsync(folder);
                Assert.Empty(acknowledged.Except(stored));
            }
        }
        finally
        {
            await TestDatabase.DropAsync(folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<HashSet<string>> StoredBodiesAsync(string folder)
    {
        const string Sql = """SELECT "Body" FROM "Comments" WHERE "Body" LIKE 'Comment % of writer %'""";
        await using System.Data.Common.DbConnection connection = TestDatabase.IsPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionStringFor(folder)) { Pooling = false }.ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(folder, "gazette.db")};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        var bodies = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            bodies.Add(reader.GetString(0));
        }
        return bodies;
    }

    /// <summary>Waits for a condition, looking again every 100 ms, for at most a minute.</summary>
    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(1), $"Waited a minute for {what}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
