using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gazette.Data;

/// <summary>
/// Per-connection SQLite settings. With WAL, synchronous=NORMAL syncs at checkpoints rather than at every commit:
/// a crash of the process loses nothing, a power cut may lose the last commits, and posting is several times faster.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
