using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp;

namespace Gazette.Tests.Scaling;

/// <summary>
/// The built Gazette run as a real process, as an operator runs it: <c>dotnet Gazette.dll</c> from this test run's own
/// build output (the same build the in-process tests use, whatever the configuration), configured by environment
/// variables (<c>Section__Key</c>), listening on a free 127.0.0.1 port that Kestrel picks. Started, it has answered
/// 200 on /health/ready; its output is kept for the failure messages; it is killed when disposed.
/// </summary>
public sealed partial class GazetteInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(2);

    private readonly Process process;
    private readonly StringBuilder output = new();

    private GazetteInstance(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri Address { get; private set; } = null!;

    public int Port => Address.Port;

    /// <summary>What it printed so far (standard output and error), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Where the built site is: beside this test assembly, as the test project's build copies it.</summary>
    public static string AssemblyPath => typeof(Program).Assembly.Location;

    /// <summary>Starts an instance with these settings (configuration keys, <c>Section:Key</c>) and waits until it is ready.</summary>
    public static async Task<GazetteInstance> StartAsync(string name, IReadOnlyDictionary<string, string?> settings)
    {
        var start = StartInfo(settings);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        // Kestrel says where it listens on this category; nothing else of the site's is needed at Information.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var instance = new GazetteInstance(name, Process.Start(start)!);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        instance.Capture(line =>
        {
            if (NowListening().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        });
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            deadline.CancelAfter(StartWithin);
            var exited = instance.process.WaitForExitAsync(deadline.Token);
            if (await Task.WhenAny(listening.Task, exited) != listening.Task)
            {
                throw new InvalidOperationException($"Gazette {name} did not start:\n{instance.Output}");
            }
            instance.Address = await listening.Task;
            await instance.WaitUntilReadyAsync(deadline.Token);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command of Gazette's (<c>backup …</c>, <c>admin …</c>) to its end and returns how it exited and what it printed.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunCommandAsync(
        IReadOnlyDictionary<string, string?> settings, params string[] arguments)
    {
        var start = StartInfo(settings);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var cancellation = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gazette {string.Join(' ', arguments)} did not finish within a minute.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { AssemblyPath },
            // The content root (appsettings.json, the demo content) is the build output.
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return start;
    }

    /// <summary>A client of this instance that follows no redirect (a <see cref="Infrastructure.FormClient"/> can wrap it).</summary>
    public HttpClient CreateClient(System.Net.CookieContainer? cookies = null) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = cookies is not null,
        CookieContainer = cookies ?? new System.Net.CookieContainer(),
    })
    {
        BaseAddress = Address,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The address of the first article linked from the home page (the newest), without a fragment.</summary>
    public async Task<string> FirstArticleAsync()
    {
        using var client = CreateClient();
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var page = await BrowsingContext.New().OpenAsync(request => request.Content(home), TestContext.Current.CancellationToken);
        return page.QuerySelector("a[href^='/articles/']")!.GetAttribute("href")!.Split('#')[0];
    }

    /// <summary>Polls /health/ready until it answers 200 (the database ready, the migrations applied).</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);
        var last = "no answer";
        try
        {
            while (!await IsReadyAsync())
            {
                // Polling with a deadline: the next look after a short pause, not a fixed sleep for the outcome.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Gazette {Name} was not ready ({last}):\n{Output}");
        }

        async Task<bool> IsReadyAsync()
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Gazette {Name} stopped (exit code {process.ExitCode}):\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync("health/ready", cancellationToken);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
                return false;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "no answer within 10 s";
                return false;
            }
        }
    }

    private void Capture(Action<string> onLine)
    {
        void Add(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(line);
            }
            onLine(line);
        }
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex NowListening();
}
