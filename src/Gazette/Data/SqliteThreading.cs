using System.Runtime.CompilerServices;
using SQLitePCL;

namespace Gazette.Data;

/// <summary>
/// SQLite in its multi-thread mode rather than the library's default, serialized: every call into SQLite (each column
/// of each row read) then takes no lock of the connection's own. ADO.NET and EF Core already use a connection from one
/// thread at a time, which is all that mode asks; the lock cost a page of 300 comments about a twentieth of its CPU.
/// </summary>
internal static class SqliteThreading
{
    /// <summary>Runs when Gazette's assembly loads, before any connection opens: SQLite takes the mode only before it starts.</summary>
    [ModuleInitializer]
    internal static void UseMultiThreadMode()
    {
        Batteries_V2.Init();
        // Refused (SQLITE_MISUSE) only if SQLite had already started in this process: it then stays serialized, as before.
        _ = raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD);
    }
}
