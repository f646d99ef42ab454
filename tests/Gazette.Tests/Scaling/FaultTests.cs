using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Gazette.Data;
using Gazette.Operations;

namespace Gazette.Tests.Scaling;

/// <summary>
/// PostgreSQL restarted under a Gazette process while readers post comments: during the outage every request is
/// answered at once (a 503, never a 500 or a hang), nothing acknowledged is lost, and Gazette recovers by itself
/// (issue 6). The server is the test's own, so restarting it disturbs no other test.
/// </summary>
[Collection(ProcessTests.Name)]
public sealed class FaultTests
{
    /// <summary>The longest any request may take, outage or not: a "few seconds", with room for a loaded machine.</summary>
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(10);

    private const int Writers = 3;

    private sealed record Attempt(int Writer, string Text, HttpStatusCode? Status, TimeSpan Took, bool AfterRestart, string? RetryAfter);

    [Fact]
    public async Task PostgresRestartedWhileCommentsArePostedLosesNothingAcknowledgedAndGazetteRecovers()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        using var folder = new TempFolder();
        var dataFolder = folder.Path;
        await using var gazette = await GazetteInstance.StartAsync("fault", new Dictionary<string, string?>
        {
            [$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] = nameof(DatabaseProvider.Postgres),
            [$"ConnectionStrings:{DatabaseSettings.ConnectionStringName}"] = postgres.ConnectionString("gazette"),
            ["Storage:DataFolder"] = dataFolder,
            ["Moderation:MinSecondsBeforePost"] = "0",
            ["RateLimits:Enabled"] = "false",
        });
        var article = await gazette.FirstArticleAsync();
        var attempts = new ConcurrentQueue<Attempt>();
        var restarted = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var writers = Enumerable.Range(1, Writers).Select(async writer =>
        {
            using var script = await Readers.Script.StartAsync(gazette.Address, Answered + TimeSpan.FromSeconds(20));
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var text = $"Comment {n} of writer {writer}, while the database may be restarting.";
                var after = Volatile.Read(ref restarted);
                var clock = Stopwatch.StartNew();
                try
                {
                    using var response = await script.PostCommentAsync(article, text, CancellationToken.None);
                    attempts.Enqueue(new(writer, text, response.StatusCode, clock.Elapsed, after, response.Headers.RetryAfter?.ToString()));
                }
                catch (TaskCanceledException)
                {
                    attempts.Enqueue(new(writer, text, null, clock.Elapsed, after, null)); // no answer at all: a hang
                }
            }
        }).ToList();

        // Posting goes well, then the server stops (sessions ended, as in a restart), stays down until every writer has
        // been told so, and starts again; posting goes on until every writer has posted again.
        await UntilAsync(() => attempts.Count(a => a.Status == HttpStatusCode.Created) >= Writers * 2, "comments posted before the restart");
        await postgres.StopAsync();
        await UntilAsync(() => Enumerable.Range(1, Writers).All(w => attempts.Any(a => a.Writer == w && a.Status == HttpStatusCode.ServiceUnavailable)),
            "every writer told the site is unavailable");
        using (var health = gazette.CreateClient())
        using (var ready = await health.GetAsync("health/ready", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        await postgres.StartServerAsync();
        Volatile.Write(ref restarted, true);
        await UntilAsync(() => Enumerable.Range(1, Writers).All(w => attempts.Any(a => a.Writer == w && a.AfterRestart && a.Status == HttpStatusCode.Created)),
            "every writer posting again after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var all = attempts.ToList();
        var summary = string.Join(", ", all.GroupBy(a => a.Status?.ToString() ?? "no answer").Select(g => $"{g.Count()} {g.Key}"));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{summary}; slowest {all.Max(a => a.Took).TotalSeconds:0.00} s, slowest 503 {all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).Select(a => a.Took).DefaultIfEmpty().Max().TotalSeconds:0.00} s");
        Assert.All(all, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable,
            $"writer {a.Writer} got {a.Status?.ToString() ?? "no answer"} after {a.Took.TotalSeconds:0.0} s ({summary})\n{gazette.Output}"));
        Assert.All(all, a => Assert.True(a.Took < Answered, $"writer {a.Writer} waited {a.Took.TotalSeconds:0.0} s for {a.Status} ({summary})"));
        Assert.All(all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a => Assert.Equal(
            DatabaseOutageHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), a.RetryAfter));
        var acknowledged = all.Where(a => a.Status == HttpStatusCode.Created).Select(a => a.Text).ToList();
        var stored = await StoredBodiesAsync(postgres);
        Assert.Empty(acknowledged.Except(stored));
        using var healthAfter = gazette.CreateClient();
        using var readyAfter = await healthAfter.GetAsync("health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
    }

    [Fact]
    public async Task RedisStoppedLeavesTheSiteServingAndReadinessDegraded()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        using var folder = new TempFolder();
        var dataFolder = folder.Path;
        await using var gazette = await GazetteInstance.StartAsync("redis-fault", new Dictionary<string, string?>
        {
            [$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] = nameof(DatabaseProvider.Postgres),
            [$"ConnectionStrings:{DatabaseSettings.ConnectionStringName}"] = postgres.ConnectionString("gazette"),
            ["Storage:DataFolder"] = dataFolder,
            ["Redis:Configuration"] = redis.Configuration,
            ["Redis:Prefix"] = "gazette-fault:",
        });
        var article = await gazette.FirstArticleAsync();

        await redis.StopAsync();

        using var client = gazette.CreateClient();
        using var page = await client.GetAsync(article, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // The Redis client may take a moment to notice; readiness then says Degraded, still 200.
        string? redisStatus = null;
        await UntilAsync(async () =>
        {
            using var ready = await client.GetAsync("health/ready", TestContext.Current.CancellationToken);
            using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            redisStatus = json.RootElement.GetProperty("checks").EnumerateArray()
                .FirstOrDefault(check => check.GetProperty("name").GetString() == HealthEndpoints.RedisCheck) is { ValueKind: JsonValueKind.Object } check
                ? check.GetProperty("status").GetString() : null;
            return ready.StatusCode == HttpStatusCode.OK && json.RootElement.GetProperty("status").GetString() == "Degraded";
        }, "readiness Degraded with Redis stopped");
        Assert.Equal("Degraded", redisStatus);
    }

    private static async Task<HashSet<string>> StoredBodiesAsync(PrivatePostgres postgres)
    {
        var joined = await postgres.ScalarAsync<string>("gazette", """SELECT coalesce(string_agg("Body", E'\n'), '') FROM "Comments" WHERE "Body" LIKE 'Comment % of writer %'""");
        return joined.Split('\n').ToHashSet();
    }

    private static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>Waits for a condition, looking again every 100 ms, for at most a minute.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(1), $"Waited a minute for {what}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A data folder of the test's own, removed when the test ends, passed or not.</summary>
    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("gazette-fault-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }
}
