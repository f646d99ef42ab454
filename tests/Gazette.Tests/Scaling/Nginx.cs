using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Gazette.Tests.Discovery;

namespace Gazette.Tests.Scaling;

/// <summary>
/// nginx in front of Gazette instances, with the site configuration that docs/deployment.md gives (deploy/nginx.conf),
/// only its upstream servers and listen address replaced; run in a temp folder of its own on a free port. Its access
/// log says which instance answered each request. Without nginx the test skips, or fails under CI=true.
/// </summary>
public sealed partial class Nginx : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/sbin/nginx";
    public const string Missing = "nginx is not installed (apt-get install -y nginx): the tests through nginx are skipped.";

    private readonly Process process;
    private readonly string folder;

    private Nginx(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Address { get; }

    public static bool Installed => File.Exists(ExecutablePath);

    /// <summary>deploy/nginx.conf with these instances as its upstream servers, listening on this port.</summary>
    public static string SiteConfiguration(IEnumerable<GazetteInstance> instances, int port)
    {
        var config = File.ReadAllText(Path.Combine(ExternalTools.RepositoryRoot, "deploy", "nginx.conf"));
        var servers = UpstreamServer().Matches(config);
        Assert.True(servers.Count > 0, "deploy/nginx.conf has no upstream server line to replace.");
        var lines = string.Join("\n", instances.Select(instance => servers[0].Value.Replace(servers[0].Groups[1].Value, $"127.0.0.1:{instance.Port}", StringComparison.Ordinal)));
        config = config[..servers[0].Index] + lines + config[(servers[^1].Index + servers[^1].Length)..];
        Assert.Matches(Listen(), config);
        return Listen().Replace(config, $"$1listen 127.0.0.1:{port};", 1);
    }

    public static async Task<Nginx> StartAsync(IEnumerable<GazetteInstance> instances)
    {
        ExternalTools.Require(Installed, Missing);
        var folder = Directory.CreateTempSubdirectory("gazette-nginx-").FullName;
        var port = FreePort.Next();
        await File.WriteAllTextAsync(Path.Combine(folder, "gazette.conf"), SiteConfiguration(instances, port));
        // The main configuration a distribution would have, reduced to what a private nginx needs.
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                log_format upstreams '$remote_addr $upstream_addr $status $request';
                access_log {{folder}}/access.log upstreams;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                # As in Debian's own main configuration: the site's file must say what it compresses.
                gzip on;
                include {{folder}}/gazette.conf;
            }
            """);
        var start = new ProcessStartInfo(ExecutablePath)
        {
            ArgumentList = { "-p", folder + "/", "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log"), "-g", "daemon off;" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var nginx = new Nginx(Process.Start(start)!, folder, port);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (nginx.process.HasExited)
            {
                var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : "";
                var said = await nginx.process.StandardError.ReadToEndAsync();
                await nginx.DisposeAsync();
                throw new InvalidOperationException($"nginx stopped: {said}{log}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(nginx.Address, "health/live"), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return nginx;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100, deadline.Token);
        }
    }

    /// <summary>The ports of the instances that answered the requests logged so far, one per request, in order.</summary>
    public IReadOnlyList<int> UpstreamPorts() =>
        File.ReadAllLines(Path.Combine(folder, "access.log"))
            .Select(line => line.Split(' ')[1])
            .Where(upstream => upstream.Contains(':', StringComparison.Ordinal))
            .Select(upstream => int.Parse(upstream[(upstream.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    [GeneratedRegex(@"^[ \t]*server[ \t]+(\S+:\d+)[^;\n]*;", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"^([ \t]*)listen[ \t]+[^;\n]+;", RegexOptions.Multiline)]
    private static partial Regex Listen();
}
