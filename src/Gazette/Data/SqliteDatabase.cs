using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Data;

/// <summary>SQLite's part of the start-up: the file's header checked first, the migrations, then WAL and statistics.</summary>
internal static class SqliteDatabase
{
    private const string WhatToDo = "If the file is damaged, move it away (Gazette then creates a new one) or restore a backup.";

    public static async Task MigrateAsync(GazetteDb db, CancellationToken cancellationToken)
    {
        var databasePath = db.Database.GetDbConnection().DataSource;
        ThrowIfNotSqlite(databasePath);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
            // WAL lets readers go on while a comment is written; the setting is kept in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            // Table statistics let the planner pick the primary key and RootId index for a page of a long thread.
            await db.Database.ExecuteSqlRawAsync(SqliteStatistics.Optimize, cancellationToken);
        }
        catch (DbException e)
        {
            throw new GazetteStartupException($"It cannot use its database '{databasePath}': {e.Message} {WhatToDo}", e);
        }
    }

    /// <summary>
    /// Reads the file's header before EF Core touches it, so that a damaged file is reported in one line
    /// rather than after a failed command has been logged.
    /// </summary>
    private static void ThrowIfNotSqlite(string databasePath)
    {
        var header = "SQLite format 3\0"u8;
        var info = new FileInfo(databasePath);
        if (!info.Exists || info.Length == 0)
        {
            return;
        }
        Span<byte> start = stackalloc byte[16];
        int read;
        try
        {
            using var file = info.OpenRead();
            read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GazetteStartupException($"It cannot read its database '{databasePath}': {e.Message}", e);
        }
        if (read < start.Length || !start.SequenceEqual(header))
        {
            throw new GazetteStartupException(
                $"It cannot use its database '{databasePath}': the file is not a database (it does not start with an SQLite header). {WhatToDo}");
        }
    }
}
