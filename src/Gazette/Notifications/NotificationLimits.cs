using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Notifications;

/// <summary>
/// No spam relay: an address gets at most <see cref="NotificationOptions.MaxPerRecipientPerHour"/> notification mails an
/// hour, and one writer's comments cause at most <see cref="NotificationOptions.MaxPerSenderPerHour"/> replies and
/// confirmations an hour. Counted from <see cref="NotificationSent"/>, read once per batch and kept up to date in memory.
/// </summary>
public sealed class NotificationLimits
{
    private readonly Dictionary<string, int> perAddress;
    private readonly Dictionary<string, int> perSender;
    private readonly NotificationOptions options;
    private readonly GazetteDb db;
    private readonly DateTime now;

    private NotificationLimits(GazetteDb db, NotificationOptions options, DateTime now, Dictionary<string, int> perAddress, Dictionary<string, int> perSender)
    {
        this.db = db;
        this.options = options;
        this.now = now;
        this.perAddress = perAddress;
        this.perSender = perSender;
    }

    public static async Task<NotificationLimits> ReadAsync(
        GazetteDb db, NotificationOptions options, DateTime now, IReadOnlyCollection<string> addresses, IReadOnlyCollection<string> senders,
        CancellationToken cancellationToken)
    {
        var since = now.AddHours(-1);
        var perAddress = addresses.Count == 0 ? [] : await db.Set<NotificationSent>()
            .Where(s => s.At > since && addresses.Contains(s.Address))
            .GroupBy(s => s.Address).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var perSender = senders.Count == 0 ? [] : await db.Set<NotificationSent>()
            .Where(s => s.At > since && s.Sender != null && senders.Contains(s.Sender))
            .GroupBy(s => s.Sender!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new NotificationLimits(db, options, now, perAddress, perSender);
    }

    /// <summary>
    /// Forgets the records older than a day (the limits look back an hour). Most rounds find none: a probe of the index
    /// first, without the writer. The delete takes the write gate like every other write: beside it, on SQLite, it found
    /// the database busy while comments were posted and waited in the driver, 150 ms at a time, every few rounds.
    /// </summary>
    public static async Task ForgetOldAsync(GazetteDb db, WriteGate writes, DateTime now, CancellationToken cancellationToken)
    {
        var dayAgo = now.AddDays(-1);
        var old = db.Set<NotificationSent>().Where(s => s.At < dayAgo);
        if (!await old.AnyAsync(cancellationToken))
        {
            return;
        }
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        await old.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whether one more mail to <paramref name="address"/> (caused by <paramref name="sender"/>, if anyone) is within the limits; if so, it is counted.</summary>
    public bool TryTake(string address, string? sender)
    {
        var addressCount = perAddress.GetValueOrDefault(address);
        var senderCount = sender is null ? 0 : perSender.GetValueOrDefault(sender);
        if (addressCount >= options.MaxPerRecipientPerHour || (sender is not null && senderCount >= options.MaxPerSenderPerHour))
        {
            return false;
        }
        perAddress[address] = addressCount + 1;
        if (sender is not null)
        {
            perSender[sender] = senderCount + 1;
        }
        db.Add(new NotificationSent { Address = address, Sender = sender, At = now });
        return true;
    }
}
