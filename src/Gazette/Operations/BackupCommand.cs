using Gazette.Data;
using Microsoft.Data.Sqlite;

namespace Gazette.Operations;

/// <summary>
/// <c>backup --to FILE</c>: a consistent copy of the SQLite database, taken while the site runs (SQLite's online backup:
/// it reads one snapshot, and with WAL the site goes on writing meanwhile). The copy is written beside FILE and renamed
/// into place when complete, as one self-contained file (no -wal beside it), and checked. On PostgreSQL it says to use
/// pg_dump, which does the same for a server. It never creates, migrates or changes the database. Exit codes: 0 done,
/// 1 the database cannot be read or the file written, 2 bad usage or PostgreSQL.
/// </summary>
public static class BackupCommand
{
    public const int BadInput = 2;
    private const string Usage = "Usage: backup --to FILE";

    /// <summary>Options the host reads itself (the site's configuration keys have a colon and pass through too).</summary>
    private static readonly string[] HostOptions = ["--urls", "--environment", "--contentRoot", "--applicationName"];

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == "backup";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        string target;
        DatabaseSettings settings;
        try
        {
            target = Path.GetFullPath(ParseTarget(args));
            settings = services.GetRequiredService<DatabaseSettings>();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"backup: {e.Message}");
            return BadInput;
        }
        catch (GazetteStartupException e)
        {
            Console.Error.WriteLine($"backup: {e.Message}");
            return 1;
        }
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            Console.Error.WriteLine($"backup: the database is PostgreSQL ({settings.Where}): back it up with pg_dump, for example "
                + "pg_dump --format=custom --file=gazette.dump \"host=… dbname=… user=…\" (restore with pg_restore). See docs/deployment.md.");
            return BadInput;
        }

        var source = new SqliteConnectionStringBuilder(settings.ConnectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        var sourcePath = Path.GetFullPath(source.DataSource);
        if (!File.Exists(sourcePath))
        {
            Console.Error.WriteLine($"backup: there is no database at '{sourcePath}'. Check --Storage:DataFolder (or ConnectionStrings:Gazette).");
            return 1;
        }
        if (string.Equals(sourcePath, target, StringComparison.Ordinal))
        {
            Console.Error.WriteLine("backup: --to names the database itself: choose another file.");
            return BadInput;
        }

        var partial = target + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Delete(partial);
            await using (var from = new SqliteConnection(source.ConnectionString))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString))
            {
                await from.OpenAsync();
                // Waits for a writer of another process, as the site's own connections do.
                await using (var wait = from.CreateCommand())
                {
                    wait.CommandText = "PRAGMA busy_timeout=30000;";
                    await wait.ExecuteNonQueryAsync();
                }
                await to.OpenAsync();
                from.BackupDatabase(to);
                await using var check = to.CreateCommand();
                // One file, readable on its own; then SQLite's own check of what was copied.
                check.CommandText = "PRAGMA journal_mode=DELETE;";
                await check.ExecuteNonQueryAsync();
                check.CommandText = "PRAGMA integrity_check;";
                if (await check.ExecuteScalarAsync() is not "ok")
                {
                    Console.Error.WriteLine("backup: the copy did not pass SQLite's integrity check; it was not kept.");
                    File.Delete(partial);
                    return 1;
                }
            }
            File.Move(partial, target, overwrite: true);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"backup: could not copy '{sourcePath}' to '{target}': {e.Message}");
            TryDelete(partial);
            return 1;
        }
        var size = new FileInfo(target).Length;
        Console.WriteLine($"Backed up '{sourcePath}' to '{target}' ({size / 1024.0 / 1024.0:0.0} MB). "
            + $"Uploaded images are not in it: copy '{Path.Combine(DataServices.DataPath(services), "media")}' too.");
        return 0;
    }

    private static string ParseTarget(string[] args)
    {
        string? target = null;
        for (var i = 1; i < args.Length; i++)
        {
            var (option, value) = args[i].Split('=', 2) is [var key, var inline] && key.StartsWith("--", StringComparison.Ordinal)
                ? (key, inline)
                : (args[i], null);
            if (option == "--to")
            {
                target = value ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"--to needs a file name. {Usage}"));
            }
            else if (option.StartsWith("--", StringComparison.Ordinal)
                && (option.Contains(':') || HostOptions.Contains(option, StringComparer.OrdinalIgnoreCase)))
            {
                i += value is null ? 1 : 0; // the site's own configuration, read by the host
            }
            else
            {
                throw new ArgumentException($"unknown option \"{args[i]}\". {Usage}");
            }
        }
        return string.IsNullOrWhiteSpace(target) ? throw new ArgumentException($"--to is required. {Usage}") : target;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind with its .partial name, which says what it is.
        }
    }
}
