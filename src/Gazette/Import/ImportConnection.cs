using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Import;

/// <summary>
/// The import's database connection, open for the whole run. On SQLite it has a larger page cache while the import
/// runs (<see cref="CacheKilobytes"/>, against SQLite's 2 MB): the comments' indexes (the e-mail addresses among them)
/// take rows in no order, and with a small cache every batch reads their pages back again, or spills a batch's changed
/// pages to the log before its commit writes them again (<see cref="WordPressImport.BatchSize"/>). The connection goes back
/// to the pool with the cache it had. Its checkpoints are far apart (<see cref="CheckpointPages"/>). <c>synchronous</c>
/// stays as the site sets it (NORMAL, with WAL): OFF would spare only the checkpoints' syncs, and the database is the
/// whole site's, which a power cut mid-checkpoint could then corrupt. When it ends, the tables' statistics are gathered again.
/// </summary>
public sealed class ImportConnection : IAsyncDisposable
{
    /// <summary>The SQLite page cache of the import's connection, in KB.</summary>
    public const int CacheKilobytes = 128 * 1024;

    private readonly GazetteDb db;
    private readonly OpenConnection open;
    /// <summary>
    /// Pages of write-ahead log between checkpoints while the import runs: 1 GB, against SQLite's 1,000 pages (4 MB). A
    /// checkpoint writes every page changed since the last one into the database file; the comments' indexes take rows
    /// in no order, so with small checkpoints the same pages were written out again and again. A million comments went
    /// from 75 to 61 s (`docs/benchmarks.md`). The log is emptied and truncated when the import ends.
    /// </summary>
    public const int CheckpointPages = 262_144;

    /// <summary>Rows SQLite's ANALYZE reads of each index while the import runs (as its own PRAGMA optimize does), rather than all of them.</summary>
    public const int AnalysisLimit = 1_000;

    private readonly long? cacheBefore, checkpointBefore;

    private ImportConnection(GazetteDb db, OpenConnection open, long? cacheBefore, long? checkpointBefore)
    {
        this.db = db;
        this.open = open;
        this.cacheBefore = cacheBefore;
        this.checkpointBefore = checkpointBefore;
    }

    public static async Task<ImportConnection> OpenAsync(GazetteDb db, CancellationToken cancellationToken)
    {
        var open = await OpenConnection.OpenAsync(db, cancellationToken);
        long? before = null, checkpoint = null;
        if (db.Database.IsSqlite())
        {
            before = await PragmaAsync(db, "PRAGMA cache_size;", cancellationToken);
            await PragmaAsync(db, $"PRAGMA cache_size=-{CacheKilobytes};", cancellationToken);
            checkpoint = await PragmaAsync(db, "PRAGMA wal_autocheckpoint;", cancellationToken);
            await PragmaAsync(db, $"PRAGMA wal_autocheckpoint={CheckpointPages};", cancellationToken);
            // The statistics the import gathers as it goes (ImportedComments) and at its end: sampled, not a walk of every index.
            await PragmaAsync(db, $"PRAGMA analysis_limit={AnalysisLimit};", cancellationToken);
        }
        return new ImportConnection(db, open, before, checkpoint);
    }

    public async ValueTask DisposeAsync()
    {
        if (cacheBefore is { } size)
        {
            await PragmaAsync(db, $"PRAGMA cache_size={size};", CancellationToken.None);
        }
        if (checkpointBefore is { } pages)
        {
            // Statistics as the import left the tables: gathered on a nearly empty site, they would have the planner walk
            // a million rows where an index finds one, in the site's pages as in the import.
            await PragmaAsync(db, "ANALYZE;", CancellationToken.None);
            await PragmaAsync(db, "PRAGMA analysis_limit=0;", CancellationToken.None);
            await PragmaAsync(db, $"PRAGMA wal_autocheckpoint={pages};", CancellationToken.None);
            // A reader still in the log leaves it as it is (the pragma answers busy, it does not fail): the site's next checkpoints empty it.
            await PragmaAsync(db, "PRAGMA wal_checkpoint(TRUNCATE);", CancellationToken.None);
        }
        await open.DisposeAsync();
    }

    private static async Task<long?> PragmaAsync(GazetteDb db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
