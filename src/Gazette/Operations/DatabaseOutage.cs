using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gazette.Operations;

/// <summary>
/// Tells a database that cannot be reached just now (a server restarting or down, a connection cut, a timeout, an SQLite
/// file that is busy or cannot be opened) from a bug. The first is answered 503 with Retry-After
/// (<see cref="DatabaseOutageHandler"/>), the second stays a 500. A full disk is not the request's fault either, but
/// is told apart (<see cref="IsDiskFull"/>): waiting a minute will not help, someone must free space.
/// </summary>
public static class DatabaseOutage
{
    // SQLite's primary result codes that say "not now" rather than "wrong": busy, locked, I/O error, disk full, cannot open.
    private static readonly HashSet<int> SqliteUnavailable = [5, 6, 10, SqliteFull, 14];

    private const int SqliteFull = 13;

    // What IOException.HResult holds for a full disk: the errno ENOSPC on Linux and macOS; ERROR_DISK_FULL and
    // ERROR_HANDLE_DISK_FULL as HRESULTs on Windows.
    private static readonly HashSet<int> NoSpaceLeft = [28, unchecked((int)0x80070070), unchecked((int)0x80070027)];

    /// <summary>
    /// True when this exception, or one it wraps, says the disk is full: SQLite's SQLITE_FULL, PostgreSQL's 53100
    /// disk_full (the server's disk: a table or its WAL could not grow), a file write with no space left (media).
    /// PostgreSQL's other lacks of resources (out of memory, too many connections) pass, and stay outages.
    /// </summary>
    public static bool IsDiskFull(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xff) == SqliteFull:
                case PostgresException { SqlState: PostgresErrorCodes.DiskFull }:
                case IOException io when NoSpaceLeft.Contains(io.HResult):
                    return true;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    return IsDiskFull(aggregate.InnerExceptions[0]);
            }
        }
        return false;
    }

    /// <summary>True when this exception, or one it wraps (EF Core's DbUpdateException and the like), is an outage.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Npgsql's own judgement: connection refused or cut, timeouts, the server shutting down or starting up,
                // too many connections, a deadlock or serialization failure.
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SqliteException sqlite when SqliteUnavailable.Contains(sqlite.SqliteErrorCode & 0xff):
                case TimeoutException:
                // What Npgsql says when a connection was cut under a request between two commands ("Transaction is
                // already completed", "Connection is not open"): the cut, not the request, is at fault.
                case InvalidOperationException { Source: "Npgsql" }:
                    return true;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    return Is(aggregate.InnerExceptions[0]);
                case DbException:
                    // A database error that is not an outage (a constraint, a syntax error): a bug or a conflict.
                    return false;
            }
        }
        return false;
    }
}
