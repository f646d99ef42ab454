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
/// The daily or weekly digest of members who chose one: the replies to them and the news of the discussions they
/// follow since the last, in one mail (nothing is sent when there is nothing new). A member's first digest comes one
/// period after the service first sees their choice.
/// </summary>
public sealed class Digests(
    WriteGate writes, Outbox outbox, NotificationLinks links, IOptionsMonitor<NotificationOptions> options, TimeProvider clock)
{
    public const string List = "digest";

    public static TimeSpan PeriodOf(MailDigest digest) => digest == MailDigest.Weekly ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1);

    public async Task<int> RunBatchAsync(GazetteDb db, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        Batch? read = null;
        if (!db.Database.IsNpgsql())
        {
            // SQLite has one writer, which posts wait for: rendered inside the transaction, a batch of 500 digests would
            // hold it about a second, as followers' mail did (bench/followers.sh). The batch is read and rendered
            // first, then kept only if nothing it read changed meanwhile.
            read = await DigestAsync(db, settings, now, cancellationToken);
            if (read is null)
            {
                return 0;
            }
        }
        await using var transaction = await writes.BeginExclusiveAsync(db, cancellationToken);
        if (read is null || !await StillAsReadAsync(db, read, settings, now, cancellationToken))
        {
            db.ChangeTracker.Clear();
            read = await DigestAsync(db, settings, now, cancellationToken);
            if (read is null)
            {
                return 0;
            }
        }
        await BatchWrites.SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return read.UserIds.Count;
    }

    /// <summary>A batch as read: its members in order, their digest state and their follows before the batch moved them on.</summary>
    private sealed record Batch(List<string> UserIds, Dictionary<string, (DateTime? LastDigestAt, int DigestCommentId)> States, Dictionary<long, int> Follows);

    private sealed record DueMember(string Id, string Email, string DisplayName, MailDigest Digest);

    private static IQueryable<DueMember> DueMembers(GazetteDb db, NotificationOptions settings, DateTime now)
    {
        var dayAgo = now.AddDays(-1);
        var weekAgo = now.AddDays(-7);
        return db.Users.AsNoTracking().Where(u => u.Digest != MailDigest.None && u.EmailConfirmed && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Digest, State = db.Set<NotifyMember>().FirstOrDefault(m => m.UserId == u.Id) })
            .Where(u => u.State == null || u.State.LastDigestAt == null
                || (u.Digest == MailDigest.Daily ? u.State.LastDigestAt <= dayAgo : u.State.LastDigestAt <= weekAgo))
            .OrderBy(u => u.Id).Take(settings.BatchSize).Select(u => new DueMember(u.Id, u.Email!, u.DisplayName, u.Digest));
    }

    /// <summary>Whether the members due, their digest state and their follows are as the batch read them.</summary>
    private static async Task<bool> StillAsReadAsync(GazetteDb db, Batch read, NotificationOptions settings, DateTime now, CancellationToken cancellationToken)
    {
        var ids = (await DueMembers(db, settings, now).ToListAsync(cancellationToken)).Select(m => m.Id).ToList();
        if (!ids.SequenceEqual(read.UserIds))
        {
            return false;
        }
        var states = await db.Set<NotifyMember>().AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Select(m => new { m.UserId, m.LastDigestAt, m.DigestCommentId }).ToListAsync(cancellationToken);
        var follows = await db.Set<DiscussionFollow>().AsNoTracking().Where(f => f.UserId != null && ids.Contains(f.UserId))
            .Select(f => new { f.Id, f.LastCommentId }).ToListAsync(cancellationToken);
        return states.Count == read.States.Count && states.All(m => read.States.TryGetValue(m.UserId, out var was) && was == (m.LastDigestAt, m.DigestCommentId))
            && follows.Count == read.Follows.Count && follows.All(f => read.Follows.TryGetValue(f.Id, out var was) && was == f.LastCommentId);
    }

    /// <summary>Renders the batch's digests into <paramref name="db"/> (added, not saved) and moves its members on; null when none is due.</summary>
    private async Task<Batch?> DigestAsync(GazetteDb db, NotificationOptions settings, DateTime now, CancellationToken cancellationToken)
    {
        var due = await DueMembers(db, settings, now).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return null;
        }
        var ids = due.Select(u => u.Id).ToList();
        var states = await db.Set<NotifyMember>().Where(m => ids.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, cancellationToken);
        var follows = await db.Set<DiscussionFollow>().Where(f => f.UserId != null && ids.Contains(f.UserId)).ToListAsync(cancellationToken);
        var read = new Batch(ids, states.Values.ToDictionary(m => m.UserId, m => (m.LastDigestAt, m.DigestCommentId)), follows.ToDictionary(f => f.Id, f => f.LastCommentId));
        var before = await PublishedComments.WaitingFromAsync(db, cancellationToken);
        var news = await FollowedDiscussions.NewsAsync(db, follows, before, cancellationToken);
        var limits = await NotificationLimits.ReadAsync(db, settings, now, due.Select(u => MailSuppression.Normalize(u.Email)).ToList(), [], cancellationToken);
        await using var mails = await outbox.StartBatchAsync(db, due.Select(u => u.Email), cancellationToken);
        var newest = await db.Comments.Where(c => c.NotifiedAt != null && c.Id < before).MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
        foreach (var member in due)
        {
            if (!states.TryGetValue(member.Id, out var state) || state.LastDigestAt is null)
            {
                if (state is null)
                {
                    db.Add(state = new NotifyMember { UserId = member.Id });
                }
                // The clock starts now: the first digest comes one period later, with what happened since.
                state.LastDigestAt = now;
                state.DigestCommentId = newest;
                foreach (var follow in follows.Where(f => f.UserId == member.Id))
                {
                    follow.LastCommentId = Math.Max(follow.LastCommentId, news[follow.ArticleId].Comments.Select(c => c.Id).DefaultIfEmpty(0).Max());
                }
                continue;
            }
            var since = state.DigestCommentId;
            state.LastDigestAt = now;
            state.DigestCommentId = newest;
            var replied = await db.Comments.AsNoTracking()
                .Where(c => c.Parent!.UserId == member.Id && c.UserId != member.Id && c.Status == CommentStatus.Approved && c.NotifiedAt != null && c.Id > since && c.Id <= newest)
                .OrderBy(c => c.Id).Take(50)
                .Select(c => new { c.Id, Author = c.AuthorName ?? "Anonymous", c.BodyHtml, c.CreatedAt })
                .ToListAsync(cancellationToken);
            var replies = replied.Select(c => new NewsItem(c.Author, c.BodyHtml, links.Comment(c.Id), c.CreatedAt)).ToList();
            var discussions = new List<DiscussionNews>();
            foreach (var follow in follows.Where(f => f.UserId == member.Id))
            {
                var (article, comments) = news[follow.ArticleId];
                var fresh = comments.Where(c => c.Id > follow.LastCommentId && c.UserId != member.Id).ToList();
                follow.LastCommentId = Math.Max(follow.LastCommentId, comments.Select(c => c.Id).DefaultIfEmpty(0).Max());
                if (fresh.Count > 0)
                {
                    discussions.Add(new DiscussionNews(article.Title, links.Article(article.Slug),
                        fresh.Take(FollowedDiscussions.Shown).Select(c => new NewsItem(c.Author, c.Html, links.Comment(c.Id), c.At)).ToList(),
                        Math.Max(0, fresh.Count - FollowedDiscussions.Shown)));
                }
            }
            if ((replies.Count == 0 && discussions.Count == 0) || !limits.TryTake(MailSuppression.Normalize(member.Email), null))
            {
                continue;
            }
            var unsubscribe = links.Unsubscribe(member.Email, List);
            await mails.QueueAsync<DigestMail>(new MailRecipient(member.Email, member.DisplayName), new Dictionary<string, object?>
            {
                ["Name"] = member.DisplayName,
                ["Period"] = member.Digest == MailDigest.Weekly ? "weekly" : "daily",
                ["Replies"] = replies,
                ["Discussions"] = discussions,
                ["UnsubscribeUrl"] = unsubscribe,
                ["StopAllUrl"] = links.Unsubscribe(member.Email, null),
            }, list: new MailList(List, unsubscribe, "Your digest"));
        }
        return read;
    }
}
