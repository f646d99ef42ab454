using System.Diagnostics;
using Gazette.Tests.Discovery;
using Npgsql;

namespace Gazette.Tests.Scaling;

/// <summary>
/// A PostgreSQL server of a test's own, in a temp folder, on a free 127.0.0.1 port with trust authentication, so that
/// stopping and restarting it disturbs no other test. Made with the installed server's initdb and pg_ctl (as the
/// <c>postgres</c> user when the tests run as root, since PostgreSQL refuses to run as root). Without the server's
/// programs the test skips with one line, or fails under CI=true.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    public const string Missing =
        "PostgreSQL's server programs are not installed (apt-get install -y postgresql): the tests that run their own server are skipped.";

    private readonly string binaries;
    private readonly string folder;

    private PrivatePostgres(string binaries, string folder, int port)
    {
        this.binaries = binaries;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    private string DataFolder => Path.Combine(folder, "data");

    /// <summary>The newest installed server's bin folder (Debian: /usr/lib/postgresql/VERSION/bin), or null.</summary>
    public static string? Binaries { get; } = FindBinaries();

    public static bool Installed => Binaries is not null;

    private static bool AsRoot => Environment.UserName == "root";

    /// <summary>A superuser's connection string to one database of this server (Gazette creates it when missing).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    /// <summary>Makes and starts the server (skipping or failing the test when PostgreSQL is not installed).</summary>
    public static async Task<PrivatePostgres> StartAsync()
    {
        ExternalTools.Require(Installed, Missing);
        var folder = Directory.CreateTempSubdirectory("gazette-pg-").FullName;
        var server = new PrivatePostgres(Binaries!, folder, FreePort.Next());
        try
        {
            if (AsRoot)
            {
                await RunAsync("chown", ["postgres:postgres", folder], folder);
            }
            await server.RunServerProgramAsync("initdb", ["-D", server.DataFolder, "-U", "postgres", "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync"]);
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops it as an operator's restart does: open sessions are ended, committed work is kept.</summary>
    public Task StopAsync() => RunServerProgramAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "-t", "60", "stop"]);

    public Task StartServerAsync() => RunServerProgramAsync("pg_ctl",
    [
        "-D", DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder} -c max_connections=200",
        "start",
    ]);

    /// <summary>Runs SQL as the superuser and returns the first column of the first row.</summary>
    public async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public string Log => File.Exists(Path.Combine(folder, "server.log")) ? File.ReadAllText(Path.Combine(folder, "server.log")) : "";

    private Task RunServerProgramAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(binaries, program);
        return AsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], folder) : RunAsync(path, arguments, folder);
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within 90 s.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }
        return Directory.GetDirectories(root)
            .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var number) ? number : 0, Bin: Path.Combine(version, "bin")))
            .Where(candidate => File.Exists(Path.Combine(candidate.Bin, "initdb")) && File.Exists(Path.Combine(candidate.Bin, "pg_ctl")))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(DataFolder) && File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            {
                await RunServerProgramAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already stopped.
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>A TCP port on 127.0.0.1 that nothing listens on now (for servers that must be told their port).</summary>
public static class FreePort
{
    public static int Next()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
