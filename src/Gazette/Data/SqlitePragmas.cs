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
/// A setting stays with the database connection, which Microsoft.Data.Sqlite pools and EF Core opens for every query:
/// each is set once, when the pool makes the connection, not again at every open.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>About 16 MB of log between checkpoints.</summary>
    public const int CheckpointPages = 4000;

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
