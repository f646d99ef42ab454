using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Gazette.Tests.Discovery;
using MimeKit;

namespace Gazette.Tests.Mail;

/// <summary>
/// A real SMTP server for a test: tests/tools/smtp-test-server.py (aiosmtpd, Debian's python3-aiosmtpd) on a free
/// loopback port, writing what it receives into a folder of its own, read back with MimeKit. It can refuse some
/// recipients with a 5xx, offer STARTTLS with a certificate the test made, be down, and be started (again) on its port.
/// Without aiosmtpd a test skips, or fails under CI=true.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    public const string Missing = "The SMTP test server needs Debian's aiosmtpd: apt-get install -y python3-aiosmtpd";

    private static readonly Lazy<bool> AiosmtpdInstalled = new(() =>
        File.Exists(Python) && ExternalTools.RunAsync(Python, ["-c", "import aiosmtpd"], TimeSpan.FromSeconds(30)).GetAwaiter().GetResult().ExitCode == 0);

    private readonly string[] options;
    private Process? process;

    private SmtpTestServer(string[] options)
    {
        this.options = options;
        Port = FreePort();
    }

    public int Port { get; }
    public string Folder { get; } = Directory.CreateTempSubdirectory("gazette-smtp-").FullName;

    /// <summary>A recipient starting with this is refused with <see cref="RefusalWords"/>.</summary>
    public const string RefusedPrefix = "refused";

    public const string RefusalWords = "550 5.1.1 Recipient address rejected: User unknown in local recipient table";

    public static async Task<SmtpTestServer> StartAsync(params string[] options)
    {
        var server = NotStarted(options);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>A server not started yet: a port where nothing listens, until <see cref="StartAgainAsync"/>.</summary>
    public static SmtpTestServer NotStarted(params string[] options)
    {
        ExternalTools.Require(AiosmtpdInstalled.Value, Missing);
        return new SmtpTestServer(options);
    }

    /// <summary>The settings that send the site's mail here.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(string security = "None") =>
    [
        new("Mail:Smtp:Host", "127.0.0.1"),
        new("Mail:Smtp:Port", Port.ToString()),
        new("Mail:Smtp:Security", security),
    ];

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ExternalTools.RepositoryRoot, "tests", "tools", "smtp-test-server.py"));
        start.ArgumentList.Add(Port.ToString());
        start.ArgumentList.Add(Folder);
        start.ArgumentList.Add("--refuse-prefix");
        start.ArgumentList.Add(RefusedPrefix);
        start.ArgumentList.Add("--refuse-reply");
        start.ArgumentList.Add(RefusalWords);
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }
        process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(deadline.Token);
        if (line != "ready")
        {
            process.Kill();
            throw new InvalidOperationException($"The SMTP test server did not start: {await errors}");
        }
    }

    public sealed record Delivery(MimeMessage Message, int ClientPort, bool Tls, string[] RcptTos, string Raw);

    /// <summary>Every message delivered so far, in the order received.</summary>
    public IReadOnlyList<Delivery> Delivered() =>
        Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(path =>
        {
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(path, ".json")));
            return new Delivery(
                MimeMessage.Load(path),
                meta.RootElement.GetProperty("clientPort").GetInt32(),
                meta.RootElement.GetProperty("tls").GetBoolean(),
                meta.RootElement.GetProperty("rcptTos").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                File.ReadAllText(path));
        }).ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived (within a deadline) and returns them all.</summary>
    public async Task<IReadOnlyList<Delivery>> WaitForAsync(int count, TimeSpan? within = null)
    {
        await MailWait.UntilAsync(() => Task.FromResult(Directory.GetFiles(Folder, "*.eml").Length >= count),
            $"{count} messages at the SMTP server", within);
        return Delivered();
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
            }
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Waits on a condition with a deadline, never a fixed sleep.</summary>
public static class MailWait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited in vain for {what}.");
            }
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}
