using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gazette.Operations;

/// <summary>
/// Remembers that a write failed because the disk is full (<see cref="DatabaseOutage.IsDiskFull"/>), so that readiness
/// can say so (<see cref="HealthEndpoints"/>) while it lasts: until a later save succeeds, or <see cref="Remembered"/>
/// after the last failure if nothing is written meanwhile (a balancer sends no traffic to an instance it finds
/// Unhealthy, so waiting for a write alone could last for ever). Sees every command and save of the site's
/// DbContext, background jobs' included, and is told by <see cref="DatabaseOutageHandler"/> of the rest (media files).
/// </summary>
public sealed class DiskFullWatch(TimeProvider clock) : DbCommandInterceptor, ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private DateTimeOffset? lastFailure;

    /// <summary>When the disk was last found full, if it still counts as full now.</summary>
    public DateTimeOffset? FullSince
    {
        get
        {
            lock (gate)
            {
                return lastFailure is { } at && clock.GetUtcNow() - at < Remembered ? at : null;
            }
        }
    }

    public void ReportFull()
    {
        lock (gate)
        {
            lastFailure = clock.GetUtcNow();
        }
    }

    /// <summary>A save went through: there was room for it, so the disk is no longer full.</summary>
    public void ReportSaved()
    {
        lock (gate)
        {
            lastFailure = null;
        }
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Observe(eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    // A commit may fail for space too (SQLite writes its WAL then): SaveChanges reports that, not the command.
    public void SaveChangesFailed(DbContextErrorEventData eventData) => Observe(eventData.Exception);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ReportSavedIfWritten(result);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ReportSavedIfWritten(result);
        return ValueTask.FromResult(result);
    }

    // A write made in its own statement rather than saved (a comment: SingleRowInsert) shows as its transaction's commit;
    // the site opens transactions only to write (WriteGate).
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => ReportSaved();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReportSaved();
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Observe(eventData.Exception);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    private void ReportSavedIfWritten(int rows)
    {
        if (rows > 0)
        {
            ReportSaved();
        }
    }

    private void Observe(Exception exception)
    {
        if (DatabaseOutage.IsDiskFull(exception))
        {
            ReportFull();
        }
    }
}
