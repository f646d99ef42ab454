using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;

namespace Gazette.Mail;

/// <summary>
/// Wakes the sender once a queued message is stored: after SaveChanges, or, inside the caller's own transaction, when
/// that transaction commits (before, the sender could not see it yet). A context that queued nothing costs nothing here.
/// </summary>
public sealed class OutboxSaveWatch(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Pending = new();
    private readonly ConditionalWeakTable<DbContext, object> waiting = [];

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            waiting.Remove(context);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    /// <summary>Called by <see cref="Outbox"/> when it adds a message to <paramref name="context"/>.</summary>
    public void Expect(DbContext context) => waiting.AddOrUpdate(context, Pending);

    private void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null && waiting.Remove(context))
        {
            signal.MessagesQueued();
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && waiting.Remove(context))
        {
            signal.MessagesQueued();
        }
    }
}
