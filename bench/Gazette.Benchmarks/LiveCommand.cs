using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gazette.Benchmarks;

/// <summary>
/// <c>live --site URL --article /articles/SLUG --readers N [--comments K] [--pid PID] [--hold SECONDS]</c>: N readers
/// of one article's live stream (docs/live.md), held open by this process. Prints the site's memory (VmRSS of PID)
/// before and with them connected, idle; then posts K comments one after another through the JSON API and prints, over
/// every reader and comment, the time from sending the post to the event's arrival (p50, p99, max) and how many never
/// arrived within 10 s. With --hold it keeps the readers connected that long afterwards (for a page benchmark meanwhile).
/// Used by bench/live.sh.
/// </summary>
public static class LiveCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string? fallback = null) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"{name} is missing.");
        var site = new Uri(Arg("--site"));
        var article = Arg("--article");
        var readers = int.Parse(Arg("--readers"), CultureInfo.InvariantCulture);
        var comments = int.Parse(Arg("--comments", "10"), CultureInfo.InvariantCulture);
        var pid = int.Parse(Arg("--pid", "0"), CultureInfo.InvariantCulture);
        var hold = int.Parse(Arg("--hold", "0"), CultureInfo.InvariantCulture);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = site,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var clock = Stopwatch.StartNew();
        var arrivals = new ConcurrentDictionary<int, ConcurrentBag<long>>();
        var connected = 0;
        using var stop = new CancellationTokenSource();
        var rssBefore = Rss(pid);

        var slug = article.Split('/')[^1];
        var streams = new List<Task>(readers);
        // A few hundred connecting at a time: thousands at once overflow the listen backlog, as a real crowd would not.
        using var connecting = new SemaphoreSlim(200);
        for (var i = 0; i < readers; i++)
        {
            await connecting.WaitAsync();
            streams.Add(ConnectAsync());
        }

        async Task ConnectAsync()
        {
            try
            {
                await ReadAsync(http, $"/live/articles/{slug}", () =>
                {
                    Interlocked.Increment(ref connected);
                    connecting.Release();
                }, arrivals, clock, stop.Token);
            }
            catch
            {
                connecting.Release(); // the loop below reports it
                throw;
            }
        }
        while (Volatile.Read(ref connected) < readers)
        {
            if (streams.FirstOrDefault(s => s.IsFaulted) is { } failed)
            {
                Console.Error.WriteLine($"A reader could not connect: {failed.Exception!.GetBaseException().Message} ({connected} connected)");
                return 1;
            }
            await Task.Delay(100);
        }
        // Idle for a moment, then the site's memory with every reader connected.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var rssIdle = Rss(pid);
        Console.WriteLine($"readers={readers} connected={connected} rss_before_mb={rssBefore / 1024.0 / 1024:F1} rss_idle_mb={rssIdle / 1024.0 / 1024:F1} " +
            $"per_connection_kb={(rssIdle - rssBefore) / 1024.0 / Math.Max(1, readers):F1}");

        var (token, header) = await AntiforgeryAsync(http);
        var latencies = new List<double>();
        var missing = 0;
        for (var k = 0; k < comments; k++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/articles/{slug}/comments")
            {
                Content = JsonContent.Create(new { body = $"Live benchmark comment {k} at {DateTime.UtcNow:O}", authorName = "Bench" }),
            };
            request.Headers.Add(header, token);
            var sent = clock.ElapsedTicks;
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"Posting failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return 1;
            }
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var bag = arrivals.GetOrAdd(id, _ => []);
            var deadline = clock.Elapsed + TimeSpan.FromSeconds(10);
            while (bag.Count < readers && clock.Elapsed < deadline)
            {
                await Task.Delay(20);
            }
            missing += readers - bag.Count;
            latencies.AddRange(bag.Select(at => (at - sent) * 1000.0 / Stopwatch.Frequency));
            await Task.Delay(TimeSpan.FromMilliseconds(500)); // one comment at a time, as a discussion moves
        }
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine($"comments={comments} arrivals={latencies.Count} missing={missing} p50_ms={Percentile(0.50):F1} p99_ms={Percentile(0.99):F1} max_ms={(latencies.Count == 0 ? double.NaN : latencies[^1]):F1}");

        if (hold > 0)
        {
            Console.WriteLine("holding");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }
        await stop.CancelAsync();
        return 0;
    }

    private static async Task ReadAsync(
        HttpClient http, string path, Action connected, ConcurrentDictionary<int, ConcurrentBag<long>> arrivals, Stopwatch clock, CancellationToken stop)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, stop);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
        var added = false;
        try
        {
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                if (line.StartsWith("retry:", StringComparison.Ordinal))
                {
                    connected();
                }
                else if (line == "event: added")
                {
                    added = true;
                }
                else if (added && line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    var at = clock.ElapsedTicks;
                    var id = JsonDocument.Parse(line[6..]).RootElement.GetProperty("comment").GetInt32();
                    arrivals.GetOrAdd(id, _ => []).Add(at);
                    added = false;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<(string Token, string Header)> AntiforgeryAsync(HttpClient http)
    {
        var answer = await http.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        return (answer.GetProperty("token").GetString()!, answer.TryGetProperty("headerName", out var name) ? name.GetString()! : "X-CSRF-TOKEN");
    }

    /// <summary>The resident memory of a process, in bytes (0 without one).</summary>
    private static long Rss(int pid)
    {
        if (pid <= 0)
        {
            return 0;
        }
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
