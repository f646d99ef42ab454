using System.Diagnostics;
using System.Net.Sockets;
using Gazette.Tests.Discovery;

namespace Gazette.Tests.Scaling;

/// <summary>A Redis server of a test's own (Debian's redis-server) on a free 127.0.0.1 port, in memory only; stoppable.</summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/redis-server";
    public const string Missing = "redis-server is not installed (apt-get install -y redis-server): the Redis parts of the scaling tests are skipped.";

    private Process? process;

    private PrivateRedis(int port) => Port = port;

    public int Port { get; }

    /// <summary>The value for Redis:Configuration.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static bool Installed => File.Exists(ExecutablePath);

    public static async Task<PrivateRedis> StartAsync()
    {
        ExternalTools.Require(Installed, Missing);
        var redis = new PrivateRedis(FreePort.Next());
        await redis.StartServerAsync();
        return redis;
    }

    public async Task StartServerAsync()
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, deadline.Token);
                return;
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(100, deadline.Token);
            }
        }
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
        process?.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>
/// Whether Gazette has its Redis support yet (the redis branch, with <c>Redis:Configuration</c>). Until then the Redis
/// assertions of the scaling tests are written but skipped; once it is merged, and its health check registered with
/// <c>HealthEndpoints.AddRedisReadiness</c>, set <see cref="Merged"/> to true.
/// </summary>
public static class RedisSupport
{
    public static readonly bool Merged = false;

    public static void Require()
    {
        if (!Merged)
        {
            Assert.Skip("Gazette has no Redis support yet: set RedisSupport.Merged (tests/Gazette.Tests/Scaling/PrivateRedis.cs) once it has.");
        }
        ExternalTools.Require(PrivateRedis.Installed, PrivateRedis.Missing);
    }
}
