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
/// Comments that became public and were not yet dealt with: in one transaction per batch, the replies' parents'
/// authors are told, guests who ticked "E-mail me replies" are asked to confirm their address, the articles' authors
/// who asked are told (<see cref="CommentAudience"/>: a comment posted with none of them was dealt with in its own
/// insert), and the comments are marked notified. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> on
/// PostgreSQL, so that instances working at once take different ones; SQLite has one writer at a time, which posts wait
/// for, so there a batch is read and its mails rendered before the transaction.
/// </summary>
public sealed partial class PublishedComments(
    WriteGate writes, Outbox outbox, NotificationLinks links, IOptionsMonitor<NotificationOptions> options, TimeProvider clock,
    ILogger<PublishedComments> log)
{
    public const string RepliesList = "replies";
    public const string AuthorsList = "new-comments";

    private sealed record Published(
        int Id, int ArticleId, int? ParentId, string? UserId, string? GuestKeyHash, string? IpHash, string? AuthorName,
        string? AuthorEmail, bool NotifyReplies, string BodyHtml, DateTime CreatedAt, string Slug, string Title);

    private sealed record Parent(int Id, string? UserId, string? GuestKeyHash, string? AuthorEmail, bool NotifyReplies, CommentStatus Status);

    private sealed record Member(string Id, string? Email, bool EmailConfirmed, string DisplayName, bool RepliesByMail, MailDigest Digest);

    /// <summary>Deals with one batch; returns how many comments it took (fewer than the batch size: nothing more waits).</summary>
    public async Task<int> RunBatchAsync(GazetteDb db, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        // Most rounds find nothing: a probe of the partial index, without taking SQLite's one writer for it.
        if (!await db.Comments.AnyAsync(c => c.Status == CommentStatus.Approved && c.NotifiedAt == null, cancellationToken))
        {
            return 0;
        }
        List<int> ids = [];
        if (!db.Database.IsNpgsql())
        {
            // SQLite has one writer for the whole instance, and posts wait for it: the batch is read and its mails
            // rendered before taking it, then kept only if none of its comments changed meanwhile.
            ids = await ClaimAsync(db, settings.BatchSize, cancellationToken);
            if (settings.Enabled && ids.Count > 0)
            {
                await NotifyAsync(db, ids, settings, now, cancellationToken);
            }
        }
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        if (ids.Count == 0 || !await StillDueAsync(db, ids, cancellationToken))
        {
            if (ids.Count > 0)
            {
                BatchChanged(log, ids.Count);
            }
            db.ChangeTracker.Clear();
            ids = await ClaimAsync(db, settings.BatchSize, cancellationToken);
            if (ids.Count == 0)
            {
                return 0;
            }
            if (settings.Enabled)
            {
                await NotifyAsync(db, ids, settings, now, cancellationToken);
            }
        }
        await BatchWrites.SaveAsync(db, cancellationToken);
        await db.Comments.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(set => set.SetProperty(c => c.NotifiedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return ids.Count;
    }

    /// <summary>
    /// The first public comment not yet dealt with (<see cref="int.MaxValue"/> when none): followers and digests read
    /// only the comments before it, since they keep how far they have read as one comment id, and a comment dealt with
    /// in its own insert (<see cref="CommentAudience"/>) may follow a reply still waiting here. A probe of the partial index.
    /// </summary>
    public static async Task<int> WaitingFromAsync(GazetteDb db, CancellationToken cancellationToken) =>
        await db.Comments.Where(c => c.Status == CommentStatus.Approved && c.NotifiedAt == null).MinAsync(c => (int?)c.Id, cancellationToken) ?? int.MaxValue;

    /// <summary>Whether every comment of a batch read before the transaction is still public and not dealt with.</summary>
    private static async Task<bool> StillDueAsync(GazetteDb db, List<int> ids, CancellationToken cancellationToken) =>
        await db.Comments.CountAsync(c => ids.Contains(c.Id) && c.Status == CommentStatus.Approved && c.NotifiedAt == null, cancellationToken) == ids.Count;

    private static async Task<List<int>> ClaimAsync(GazetteDb db, int count, CancellationToken cancellationToken)
    {
        var approved = (int)CommentStatus.Approved;
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQuery<int>($"""
                SELECT "Id" AS "Value" FROM "Comments" WHERE "Status" = {approved} AND "NotifiedAt" IS NULL
                ORDER BY "Id" LIMIT {count} FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }
        return await db.Comments.Where(c => c.Status == CommentStatus.Approved && c.NotifiedAt == null)
            .OrderBy(c => c.Id).Select(c => c.Id).Take(count).ToListAsync(cancellationToken);
    }

    private async Task NotifyAsync(GazetteDb db, List<int> ids, NotificationOptions settings, DateTime now, CancellationToken cancellationToken)
    {
        var comments = await db.Comments.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id)
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new Published(
                c.Id, c.ArticleId, c.ParentId, c.UserId, c.GuestKeyHash, c.IpHash, c.AuthorName, c.AuthorEmail, c.NotifyReplies,
                c.BodyHtml, c.CreatedAt, a.Slug, a.Title))
            .ToListAsync(cancellationToken);
        var parentIds = comments.Where(c => c.ParentId is not null).Select(c => c.ParentId!.Value).Distinct().ToList();
        var parents = parentIds.Count == 0 ? [] : await db.Comments.AsNoTracking().Where(c => parentIds.Contains(c.Id))
            .Select(c => new Parent(c.Id, c.UserId, c.GuestKeyHash, c.AuthorEmail, c.NotifyReplies, c.Status))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        // Every byline who asked is told, not only the first (the article's author); one query per article, as posts ask it.
        var watchers = new Dictionary<int, List<string>>();
        foreach (var articleId in comments.Select(c => c.ArticleId).Distinct())
        {
            watchers[articleId] = await CommentAudience.WatchersAsync(db, articleId, cancellationToken);
        }
        var memberIds = parents.Values.Where(p => p.UserId is not null).Select(p => p.UserId!)
            .Concat(watchers.Values.SelectMany(w => w)).Distinct().ToList();
        var members = memberIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id))
            .Select(u => new Member(u.Id, u.Email, u.EmailConfirmed, u.DisplayName, u.RepliesByMail, u.Digest))
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        var guestAddresses = parents.Values.Where(p => p.UserId is null && p.NotifyReplies && p.AuthorEmail is not null)
            .Select(p => MailSuppression.Normalize(p.AuthorEmail!))
            .Concat(comments.Where(c => CommentAudience.AsksConfirmation(c.UserId, c.NotifyReplies, c.AuthorEmail)).Select(c => MailSuppression.Normalize(c.AuthorEmail!)))
            .Distinct().ToList();
        var addresses = guestAddresses.Count == 0 ? [] : await db.Set<NotifyAddress>().Where(a => guestAddresses.Contains(a.Address))
            .ToDictionaryAsync(a => a.Address, cancellationToken);
        var recipients = guestAddresses.Concat(members.Values.Where(m => m.Email is not null).Select(m => MailSuppression.Normalize(m.Email!))).ToList();
        var limits = await NotificationLimits.ReadAsync(db, settings, now, recipients, comments.Select(SenderOf).OfType<string>().Distinct().ToList(), cancellationToken);

        await using var mails = await outbox.StartBatchAsync(db, recipients, cancellationToken);
        var stopAll = new Dictionary<string, string>();
        string StopAll(string address) => stopAll.TryGetValue(address, out var url) ? url : stopAll[address] = links.Unsubscribe(address, null);

        foreach (var comment in comments)
        {
            var sender = SenderOf(comment);
            // The writer's own address first: a guest who ticked the box is asked, once a day at most, to confirm it.
            if (CommentAudience.AsksConfirmation(comment.UserId, comment.NotifyReplies, comment.AuthorEmail))
            {
                var address = MailSuppression.Normalize(comment.AuthorEmail!);
                if (!addresses.TryGetValue(address, out var known))
                {
                    addresses[address] = known = new NotifyAddress { Address = address };
                    db.Add(known);
                }
                if (known.ConfirmedAt is null && (known.ConfirmationSentAt is null || known.ConfirmationSentAt <= now - settings.ConfirmationRepeatAfter)
                    && !mails.IsSuppressed(address, RepliesList) && limits.TryTake(address, sender))
                {
                    known.ConfirmationSentAt = now;
                    await mails.QueueAsync<ConfirmNotifyMail>(new MailRecipient(address), new Dictionary<string, object?>
                    {
                        ["Link"] = links.Confirm(address),
                        ["StopAllUrl"] = StopAll(address),
                    });
                }
            }

            if (comment.ParentId is { } parentId && parents.TryGetValue(parentId, out var parent) && parent.Status == CommentStatus.Approved
                && !SameWriter(comment, parent) && ReplyRecipient(parent, members, addresses) is { } to
                && !string.Equals(to.Address, comment.AuthorEmail?.Trim(), StringComparison.OrdinalIgnoreCase)
                && limits.TryTake(MailSuppression.Normalize(to.Address), sender))
            {
                var unsubscribe = links.Unsubscribe(to.Address, RepliesList);
                await mails.QueueAsync<ReplyMail>(to, new Dictionary<string, object?>
                {
                    ["Name"] = to.Name,
                    ["Replier"] = string.IsNullOrWhiteSpace(comment.AuthorName) ? "Anonymous" : comment.AuthorName,
                    ["ArticleTitle"] = comment.Title,
                    ["ArticleUrl"] = links.Article(comment.Slug),
                    ["ReplyHtml"] = comment.BodyHtml,
                    ["ReplyUrl"] = links.Comment(comment.Id),
                    ["UnsubscribeUrl"] = unsubscribe,
                    ["StopAllUrl"] = StopAll(MailSuppression.Normalize(to.Address)),
                }, thread: $"article:{comment.ArticleId}", list: new MailList(RepliesList, unsubscribe, "Replies to you"));
            }

            foreach (var authorId in watchers[comment.ArticleId])
            {
                if (authorId == comment.UserId
                    || !members.TryGetValue(authorId, out var author) || author is not { Email: not null, EmailConfirmed: true }
                    || !limits.TryTake(MailSuppression.Normalize(author.Email), null))
                {
                    continue;
                }
                var unsubscribe = links.Unsubscribe(author.Email, AuthorsList);
                var writer = string.IsNullOrWhiteSpace(comment.AuthorName) ? "Anonymous" : comment.AuthorName;
                await mails.QueueAsync<StaffMail>(new MailRecipient(author.Email, author.DisplayName), new Dictionary<string, object?>
                {
                    ["Subject"] = $"New comment on “{comment.Title}” by {writer}",
                    ["Why"] = "You asked to be told of new comments on your articles.",
                    ["Text"] = $"{writer} commented on your article:",
                    ["News"] = new DiscussionNews(comment.Title, links.Article(comment.Slug),
                        [new NewsItem(writer, comment.BodyHtml, links.Comment(comment.Id), comment.CreatedAt)], 0),
                    ["UnsubscribeUrl"] = unsubscribe,
                    ["StopAllUrl"] = StopAll(MailSuppression.Normalize(author.Email)),
                }, thread: $"article:{comment.ArticleId}", list: new MailList(AuthorsList, unsubscribe, "New comments on your articles"));
            }
        }
    }

    /// <summary>Who is told of a reply to <paramref name="parent"/>: a member who keeps replies on (and no digest instead) at their verified address, or a guest who ticked the box and confirmed.</summary>
    private static MailRecipient? ReplyRecipient(Parent parent, Dictionary<string, Member> members, Dictionary<string, NotifyAddress> addresses)
    {
        if (parent.UserId is not null)
        {
            return members.TryGetValue(parent.UserId, out var member) && member is { RepliesByMail: true, Digest: MailDigest.None, EmailConfirmed: true, Email: not null }
                ? new MailRecipient(member.Email, member.DisplayName) : null;
        }
        return parent.NotifyReplies && parent.AuthorEmail is not null
            && addresses.TryGetValue(MailSuppression.Normalize(parent.AuthorEmail), out var address) && address.ConfirmedAt is not null
            ? new MailRecipient(parent.AuthorEmail.Trim()) : null;
    }

    private static bool SameWriter(Published reply, Parent parent) =>
        (reply.UserId is not null && reply.UserId == parent.UserId)
        || (reply.UserId is null && parent.UserId is null && reply.GuestKeyHash is not null && reply.GuestKeyHash == parent.GuestKeyHash);

    private static string? SenderOf(Published comment) =>
        comment.UserId is not null ? $"u:{comment.UserId}" : comment.GuestKeyHash is not null ? $"g:{comment.GuestKeyHash}" : comment.IpHash is null ? null : $"n:{comment.IpHash}";

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of {Count} comments changed while its mails were rendered: it is read again inside the transaction.")]
    private static partial void BatchChanged(ILogger logger, int count);
}
