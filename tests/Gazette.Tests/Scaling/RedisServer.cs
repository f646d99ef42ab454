using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gazette.Tests.Discovery;

namespace Gazette.Tests.Scaling;

/// <summary>
/// A redis-server of the test's own (Debian's /usr/bin/redis-server) on a free loopback port, without persistence, which
/// the test can stop and start again on the same port. Without it a test skips, or fails under CI=true.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/redis-server";
    public const string Missing = "Redis is not installed: apt-get install -y redis-server";

    private Process? process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>What Redis:Configuration is set to.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static bool Installed => File.Exists(ExecutablePath);

    /// <summary>A running server, or the test is skipped (failed on CI) when Redis is not installed.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        ExternalTools.Require(Installed, Missing);
        var server = new RedisServer(FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>A server not started yet (a Redis that is down), or the test is skipped (failed on CI) when Redis is not installed.</summary>
    public static RedisServer NotStarted()
    {
        ExternalTools.Require(Installed, Missing);
        return new RedisServer(FreePort());
    }

    /// <summary>Starts the server (after <see cref="StopAsync"/>) and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        if (process is { HasExited: false })
        {
            return;
        }
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning" })
        {
            start.ArgumentList.Add(argument);
        }
        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await AnswersAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not answer (exit code {(process.HasExited ? process.ExitCode : null)}).");
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Kills the server, as a crash or a network failure would take it away.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Whether it answers PING, over a plain socket (the test asks Redis itself, not the site's client).</summary>
    public async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, TestContext.Current.CancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }
}
