using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gazette.Data;

/// <summary>
/// SQLite takes one writer at a time, and a writer that finds the database busy is retried by the driver after a
/// sleep: under concurrent posting that sleep, not the work, decides the latency. So this instance queues its own
/// write transactions and SQLite never sees two at once. Other databases lock rows, not the file, and skip the queue.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<GatedTransaction> BeginAsync(GazetteDb db, CancellationToken cancellationToken)
    {
        var queued = db.Database.IsSqlite();
        if (queued)
        {
            await gate.WaitAsync(cancellationToken);
        }
        try
        {
            return new GatedTransaction(await db.Database.BeginTransactionAsync(cancellationToken), queued ? gate : null);
        }
        catch
        {
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
