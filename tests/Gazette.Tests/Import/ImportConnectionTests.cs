using Gazette.Data;
using Gazette.Import;
using Gazette.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Import;

/// <summary>The import's own SQLite connection has a large page cache while it runs, and goes back to the pool as it was (issue 13).</summary>
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
        async Task<long> CacheSizeAsync()
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA cache_size;";
            return (long)(await command.ExecuteScalarAsync(Cancel))!;
        }
        await db.Database.OpenConnectionAsync(Cancel);
        var (before, handle) = (await CacheSizeAsync(), connection.Handle);
        await db.Database.CloseConnectionAsync();

        long during;
        await using (await ImportConnection.OpenAsync(db, Cancel))
        {
            during = await CacheSizeAsync();
        }
        await db.Database.OpenConnectionAsync(Cancel);
        var (after, sameHandle) = (await CacheSizeAsync(), connection.Handle);
        await db.Database.CloseConnectionAsync();

        Assert.Equal(-ImportConnection.CacheKilobytes, during);
        Assert.Same(handle, sameHandle);
        Assert.Equal(before, after);
    }
}
