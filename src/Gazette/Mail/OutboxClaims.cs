using Gazette.Core.Mail;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Mail;

/// <summary>
/// The outbox's rows as the sender moves them: claimed with a lease (so that one instance sends a message, once), then
/// sent, put back for a retry, or failed. Every move after the claim names the claim, so an instance whose lease ran
/// out cannot overwrite what another did since.
/// </summary>
public sealed class OutboxClaims(WriteGate gate, TimeProvider clock)
{
    /// <summary>How long a claimed batch is this instance's: far longer than sending it takes, short enough that a crash delays mail only briefly.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Claims up to <paramref name="count"/> due messages, oldest first. PostgreSQL: the rows are locked with
    /// <c>FOR UPDATE SKIP LOCKED</c>, so that instances claiming at once take different ones without waiting. SQLite:
    /// one UPDATE … WHERE Id IN (due) statement, atomic because SQLite has one writer at a time.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(GazetteDb db, int count, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Lease;
        await using (var transaction = await gate.BeginAsync(db, cancellationToken))
        {
            if (db.Database.IsNpgsql())
            {
                var queued = (int)OutboxStatus.Queued;
                var ids = await db.Database.SqlQuery<long>($"""
                    SELECT "Id" AS "Value" FROM "OutboxMessages"
                    WHERE "Status" = {queued} AND "NextAttemptAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                    ORDER BY "NextAttemptAt", "Id" LIMIT {count}
                    FOR UPDATE SKIP LOCKED
                    """).ToListAsync(cancellationToken);
                if (ids.Count == 0)
                {
                    return [];
                }
                await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(
                    set => set.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.LeaseUntil, until), cancellationToken);
            }
            else
            {
                var due = db.OutboxMessages
                    .Where(m => m.Status == OutboxStatus.Queued && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
                    .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(count).Select(m => m.Id);
                var claimed = await db.OutboxMessages.Where(m => due.Contains(m.Id)).ExecuteUpdateAsync(
                    set => set.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.LeaseUntil, until), cancellationToken);
                if (claimed == 0)
                {
                    return [];
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return await db.OutboxMessages.AsNoTracking().Where(m => m.ClaimToken == token).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Messages of one claim that were sent: recorded together, one statement for a group.</summary>
    public async Task SentAsync(GazetteDb db, IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = messages.Select(m => m.Id).ToList();
        var token = messages.First().ClaimToken;
        await using var transaction = await gate.BeginAsync(db, cancellationToken);
        await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.ClaimToken == token).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.ClaimToken, (Guid?)null)
            .SetProperty(m => m.LeaseUntil, (DateTime?)null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// A failed attempt: tried again after the schedule's delay, or failed for good when <paramref name="permanent"/>
    /// (a 5xx refusal) or when the schedule gives up. <paramref name="counts"/> is false for a message never tried
    /// (the rest of a batch whose connection broke): it waits as long, without using up an attempt.
    /// </summary>
    public Task FailedAsync(GazetteDb db, OutboxMessage message, string error, bool permanent, bool counts, RetrySchedule schedule, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + (counts ? 1 : 0);
        var delay = permanent ? null : schedule.DelayAfter(Math.Max(attempts, 1));
        var now = clock.GetUtcNow().UtcDateTime;
        var status = delay is null ? OutboxStatus.Failed : OutboxStatus.Queued;
        var next = now + (delay ?? TimeSpan.Zero);
        error = error.Length > 2000 ? error[..2000] : error;
        return MoveAsync(db, message, set => set
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.ClaimToken, (Guid?)null)
            .SetProperty(m => m.LeaseUntil, (DateTime?)null), cancellationToken);
    }

    /// <summary>An administrator's retry: a failed message is queued again, due now, with its attempts counted afresh.</summary>
    public async Task<bool> RetryAsync(GazetteDb db, long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await gate.BeginAsync(db, cancellationToken);
        var moved = await db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Failed).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, OutboxStatus.Queued)
            .SetProperty(m => m.Attempts, 0)
            .SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved == 1;
    }

    private async Task MoveAsync(
        GazetteDb db, OutboxMessage message,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxMessage>> setters, CancellationToken cancellationToken)
    {
        var id = message.Id;
        var token = message.ClaimToken;
        await using var transaction = await gate.BeginAsync(db, cancellationToken);
        await db.OutboxMessages.Where(m => m.Id == id && m.ClaimToken == token).ExecuteUpdateAsync(setters, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
