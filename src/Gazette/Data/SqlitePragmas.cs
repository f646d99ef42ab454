using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gazette.Data;

/// <summary>
/// Per-connection SQLite settings. With WAL, synchronous=NORMAL syncs at checkpoints rather than at every commit:
/// a crash of the process loses nothing, a power cut may lose the last commits, and posting is several times faster.
/// A checkpoint every <see cref="CheckpointPages"/> pages of log rather than SQLite's 1,000: a post writes some 14
/// pages, mostly the same few index pages again, so a checkpoint every 70 posts copied and synced the same pages over
/// and over, inside the post that crossed the line (docs/benchmarks.md, session 18).
/// Inside a transaction each statement keeps a journal of the pages it changes, so that a failed statement can be
/// undone alone. SQLite keeps it in memory up to 64 KB, then moves it to a file it creates and deletes again: a post
/// that splits an index page crossed that, about one in five, and posting cost 10 % more CPU (docs/benchmarks.md,
/// session 19). The limit is a process-wide setting, made before SQLite's first connection (<see cref="StatementJournalBytes"/>);
/// <c>temp_store=MEMORY</c> would do the same, but would also keep every sort in memory however large.
/// A setting stays with the database connection, which Microsoft.Data.Sqlite pools and EF Core opens for every query:
/// each is set once, when the pool makes the connection, not again at every open.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>About 16 MB of log between checkpoints.</summary>
    public const int CheckpointPages = 4000;

    /// <summary>A statement's journal stays in memory up to this size; a statement that changes more pages spills to a file.</summary>
    public const int StatementJournalBytes = 4 * 1024 * 1024;

    private const int ConfigStatementJournalSpill = 26; // SQLITE_CONFIG_STMTJRNL_SPILL

    static SqlitePragmas()
    {
        // Refused (SQLITE_MISUSE) once SQLite has opened a connection in this process: a test host made after
        // another keeps what the first one set, and a failure only leaves SQLite's default.
        SQLitePCL.Batteries_V2.Init();
        SQLitePCL.raw.sqlite3_config(ConfigStatementJournalSpill, StatementJournalBytes);
    }

    private static readonly string Pragmas = $"PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint={CheckpointPages};";

    private static readonly ConditionalWeakTable<object, object> Applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && Applied.TryGetValue(handle, out _))
        {
            return;
        }
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
        if (connection is SqliteConnection { Handle: { } opened })
        {
            Applied.AddOrUpdate(opened, Pragmas);
        }
    }
}
