using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Core.Mail;
using Gazette.Data;
using Gazette.Mail;
using Gazette.Notifications.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Notifications;

/// <summary>
/// Moderators who asked are told when the moderation queue reaches <see cref="NotificationOptions.QueueThreshold"/>
/// (once, until it falls below again) and when an appeal arrives. Where it got to is kept in <see cref="NotifyCursor"/>s;
/// the first pass starts from what exists, so nothing old is announced.
/// </summary>
public sealed class StaffAlerts(
    WriteGate writes, Outbox outbox, NotificationLinks links, IOptionsMonitor<NotificationOptions> options, TimeProvider clock)
{
    public const string QueueList = "moderation-queue";
    public const string AppealsList = "appeals";
    private const string QueueCursor = "queue-alerted";
    private const string AppealsCursor = "appeals-told";

    public async Task RunAsync(GazetteDb db, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await writes.BeginExclusiveAsync(db, cancellationToken);
        var cursors = await db.Set<NotifyCursor>().Where(c => c.Name == QueueCursor || c.Name == AppealsCursor).ToDictionaryAsync(c => c.Name, cancellationToken);
        NotifyCursor Cursor(string name, long start)
        {
            if (!cursors.TryGetValue(name, out var cursor))
            {
                db.Add(cursors[name] = cursor = new NotifyCursor { Name = name, Value = start });
            }
            return cursor;
        }

        var waiting = await db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);
        var queue = Cursor(QueueCursor, 0);
        if (waiting < settings.QueueThreshold)
        {
            queue.Value = 0;
        }
        else if (queue.Value == 0)
        {
            queue.Value = 1;
            if (settings.Enabled)
            {
                await TellModeratorsAsync(db, m => m.QueueAlerts, QueueList, "The moderation queue", new Dictionary<string, object?>
                {
                    ["Subject"] = $"{waiting} comments wait for a moderator",
                    ["Why"] = "You asked to be told when the moderation queue grows.",
                    ["Text"] = $"{waiting} comments wait in the moderation queue (the threshold is {settings.QueueThreshold}).",
                    ["Link"] = links.Absolute("/admin/moderation"),
                    ["LinkText"] = "Open the queue",
                }, now, settings, cancellationToken);
            }
        }

        var lastAppeal = await db.Appeals.MaxAsync(a => (int?)a.Id, cancellationToken) ?? 0;
        var appeals = Cursor(AppealsCursor, lastAppeal);
        if (lastAppeal > appeals.Value)
        {
            var since = appeals.Value;
            appeals.Value = lastAppeal;
            var count = await db.Appeals.CountAsync(a => a.Id > since, cancellationToken);
            if (settings.Enabled)
            {
                await TellModeratorsAsync(db, m => m.Appeals, AppealsList, "Appeals", new Dictionary<string, object?>
                {
                    ["Subject"] = count == 1 ? "A reader appealed a moderation decision" : $"{count} readers appealed moderation decisions",
                    ["Why"] = "You asked to be told of appeals.",
                    ["Text"] = count == 1 ? "A new appeal waits for a decision." : $"{count} new appeals wait for a decision.",
                    ["Link"] = links.Absolute("/admin/moderation?status=appealed"),
                    ["LinkText"] = "Open the appeals",
                }, now, settings, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task TellModeratorsAsync(
        GazetteDb db, System.Linq.Expressions.Expression<Func<NotifyMember, bool>> choice, string list, string listName,
        Dictionary<string, object?> parameters, DateTime now, NotificationOptions settings, CancellationToken cancellationToken)
    {
        var moderatorRoles = new[] { Roles.Administrator, Roles.Editor, Roles.Moderator };
        var chose = db.Set<NotifyMember>().Where(choice).Select(m => m.UserId);
        var moderators = await db.Users.AsNoTracking()
            .Where(u => chose.Contains(u.Id) && u.EmailConfirmed && u.Email != null
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && moderatorRoles.Contains(r.Name!))))
            .Select(u => new { u.Email, u.DisplayName }).ToListAsync(cancellationToken);
        var limits = await NotificationLimits.ReadAsync(db, settings, now, moderators.Select(m => MailSuppression.Normalize(m.Email!)).ToList(), [], cancellationToken);
        await using var mails = await outbox.StartBatchAsync(db, moderators.Select(m => m.Email!), cancellationToken);
        foreach (var moderator in moderators)
        {
            if (!limits.TryTake(MailSuppression.Normalize(moderator.Email!), null))
            {
                continue;
            }
            var unsubscribe = links.Unsubscribe(moderator.Email!, list);
            await mails.QueueAsync<StaffMail>(new MailRecipient(moderator.Email!, moderator.DisplayName), new Dictionary<string, object?>(parameters)
            {
                ["UnsubscribeUrl"] = unsubscribe,
                ["StopAllUrl"] = links.Unsubscribe(moderator.Email!, null),
            }, list: new MailList(list, unsubscribe, listName));
        }
    }
}
