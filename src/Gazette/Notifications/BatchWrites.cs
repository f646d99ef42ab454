using Gazette.Data;
using Gazette.Mail;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Notifications;

/// <summary>How a notifications batch (replies, followers, digests) stores what it changed, inside its transaction.</summary>
internal static class BatchWrites
{
    /// <summary>
    /// The batch's new mails and limit records (some hundreds) inserted on SQLite by one statement each, prepared once,
    /// rather than by SaveChanges: SQLite's one writer, which posts wait for, is held 14 ms for a batch of some 120
    /// replies that each mail, against 32 (docs/benchmarks.md, issue 12). SaveChanges stores the rest; PostgreSQL takes
    /// it all in one round trip, and no post waits for its writer.
    /// </summary>
    public static async Task SaveAsync(GazetteDb db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            await InsertAddedAsync<OutboxMessage>(db, cancellationToken);
            await InsertAddedAsync<NotificationSent>(db, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task InsertAddedAsync<T>(GazetteDb db, CancellationToken cancellationToken) where T : class
    {
        var added = db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        await SingleRowInsert<T>.For(db).RunManyAsync(db, added, cancellationToken);
        foreach (var entity in added)
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }
}
