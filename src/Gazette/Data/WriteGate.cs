using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gazette.Data;

/// <summary>
/// SQLite takes one writer at a time, and a writer that finds the database busy is retried by the driver after a
/// sleep: under concurrent posting that sleep, not the work, decides the latency. So this instance queues its own
/// write transactions and SQLite never sees two at once. PostgreSQL locks rows, not the database: its writes skip the
/// queue, except the few that check something before acting on it (<see cref="BeginExclusiveAsync"/>).
/// </summary>
public sealed class WriteGate
{
    /// <summary>Any number of keys would do; one is enough for the rare writes that need it.</summary>
    private const long ExclusiveLockKey = 0x47617a65747466;

    private readonly SemaphoreSlim gate = new(1, 1);

    public Task<GatedTransaction> BeginAsync(GazetteDb db, CancellationToken cancellationToken) =>
        BeginAsync(db, exclusive: false, cancellationToken);

    /// <summary>
    /// A write that must not interleave with another of its kind, on any instance: one that counts or checks before it
    /// writes (the last administrator, the one-time setup, a setting saved twice at once). SQLite's writes are all
    /// like this already; on PostgreSQL the transaction waits for a transaction-scoped advisory lock.
    /// </summary>
    public Task<GatedTransaction> BeginExclusiveAsync(GazetteDb db, CancellationToken cancellationToken) =>
        BeginAsync(db, exclusive: true, cancellationToken);

    private async Task<GatedTransaction> BeginAsync(GazetteDb db, bool exclusive, CancellationToken cancellationToken)
    {
        // Told by the connection's type: IsSqlite() reads the provider's assembly name at every call.
        var queued = db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection;
        if (queued)
        {
            await gate.WaitAsync(cancellationToken);
        }
        IDbContextTransaction? transaction = null;
        try
        {
            transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (exclusive && !queued)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ExclusiveLockKey})", cancellationToken);
            }
            return new GatedTransaction(transaction, queued ? gate : null);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
            if (queued)
            {
                gate.Release();
            }
            throw;
        }
    }
}

/// <summary>A write transaction that lets the next writer in when it ends, committed or not.</summary>
public sealed class GatedTransaction(IDbContextTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            gate?.Release();
        }
    }
}
