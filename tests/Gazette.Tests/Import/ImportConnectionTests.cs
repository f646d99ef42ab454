using Gazette.Data;
using Gazette.Import;
using Gazette.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Import;

/// <summary>
/// The import's own SQLite connection has a large page cache and far-apart checkpoints while it runs, and goes back to
/// the pool as it was, its write-ahead log emptied (issue 13).
/// </summary>
public sealed class ImportConnectionTests : IAsyncLifetime
{
    private readonly ImportSite site = new();
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task TheImportsLargerPageCacheIsTheImportsAloneAndTheConnectionGoesBackToThePoolAsItWas()
    {
        if (TestDatabase.IsPostgres)
        {
            return;
        }
        await site.Services.GetRequiredService<DatabaseStartup>().PrepareAsync(Cancel);
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        async Task<long> PragmaAsync(string name)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            return (long)(await command.ExecuteScalarAsync(Cancel))!;
        }
        Task<long> CacheSizeAsync() => PragmaAsync("cache_size");
        await db.Database.OpenConnectionAsync(Cancel);
        var (before, handle) = (await CacheSizeAsync(), connection.Handle);
        var checkpointBefore = await PragmaAsync("wal_autocheckpoint");

        long during, checkpointDuring;
        await using (await ImportConnection.OpenAsync(db, Cancel))
        {
            during = await CacheSizeAsync();
            checkpointDuring = await PragmaAsync("wal_autocheckpoint");
            // Writes enough to outgrow the site's own checkpoints: the log keeps them until the import ends.
            await using var write = connection.CreateCommand();
            write.CommandText = "CREATE TABLE ImportConnectionTest (Text TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO ImportConnectionTest SELECT printf('%.400c', 'x') FROM n;";
            await write.ExecuteNonQueryAsync(Cancel);
        }
        var log = new FileInfo(Path.Combine(site.DataFolder, "gazette.db-wal"));
        // Read on the same database connection, still open: the pool may be emptied meanwhile by other tests' sites.
        var (after, sameHandle) = (await CacheSizeAsync(), connection.Handle);
        var checkpointAfter = await PragmaAsync("wal_autocheckpoint");
        await db.Database.CloseConnectionAsync();

        Assert.Equal(-ImportConnection.CacheKilobytes, during);
        Assert.Same(handle, sameHandle);
        Assert.Equal(before, after);
        Assert.Equal(ImportConnection.CheckpointPages, checkpointDuring);
        Assert.Equal(checkpointBefore, checkpointAfter);
        // Emptied and truncated at the end, not left at the size the import made it. Gone is as good: SQLite deletes the
        // log when the last connection to the file closes (and the message is made even when the assertion holds).
        var logBytes = log.Exists ? log.Length : 0;
        Assert.True(logBytes == 0, $"the write-ahead log is {logBytes} bytes after the import");
    }
}
