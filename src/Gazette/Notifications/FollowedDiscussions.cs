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
/// Followers whose discussion has news, batched: a follower is mailed at most once per
/// <see cref="NotificationOptions.FollowInterval"/>, with every comment published since the last mail. Members who
/// chose a digest get it there instead (<see cref="Digests"/>).
/// </summary>
public sealed class FollowedDiscussions(
    WriteGate writes, Outbox outbox, NotificationLinks links, IOptionsMonitor<NotificationOptions> options, TimeProvider clock)
{
    public const string List = "follow";

    /// <summary>Comments listed in one mail; the rest are counted with a link to the page.</summary>
    public const int Shown = 10;

    public async Task<int> RunBatchAsync(GazetteDb db, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - settings.FollowInterval;
        var before = await PublishedComments.WaitingFromAsync(db, cancellationToken);
        List<long> ids = [];
        Dictionary<long, (int LastCommentId, DateTime? LastMailedAt)> read = [];
        // Most rounds find no follower due: a read, without taking the writer (posts wait for it) for nothing.
        if (db.Database.IsNpgsql())
        {
            if (!await DueFollows(db, cutoff, before).AnyAsync(cancellationToken))
            {
                return 0;
            }
        }
        else
        {
            // SQLite has one writer, which posts wait for: rendering a batch of 500 mails inside the transaction held it
            // about a second (bench/followers.sh). The batch is read and rendered first, then kept only if none of its
            // follows changed meanwhile.
            ids = await DueIdsAsync(db, cutoff, before, settings.BatchSize, cancellationToken);
            if (ids.Count == 0)
            {
                return 0;
            }
            read = await MailAsync(db, ids, before, settings, now, cancellationToken);
        }
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        if (ids.Count == 0 || !await StillAsReadAsync(db, read, cancellationToken))
        {
            db.ChangeTracker.Clear();
            ids = await DueIdsAsync(db, cutoff, before, settings.BatchSize, cancellationToken);
            if (ids.Count > 0 && db.Database.IsNpgsql())
            {
                // Another instance may be mailing some of them: take the rest, as they are once it is done.
                ids = await db.Database.SqlQuery<long>($"""
                    SELECT "Id" AS "Value" FROM "NotifyFollows" WHERE "Id" = ANY({ids.ToArray()})
                    AND ("LastMailedAt" IS NULL OR "LastMailedAt" <= {cutoff}) FOR UPDATE SKIP LOCKED
                    """).ToListAsync(cancellationToken);
            }
            if (ids.Count == 0)
            {
                return 0;
            }
            await MailAsync(db, ids, before, settings, now, cancellationToken);
        }
        await BatchWrites.SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return ids.Count;
    }

    private static Task<List<long>> DueIdsAsync(GazetteDb db, DateTime cutoff, int before, int count, CancellationToken cancellationToken) =>
        DueFollows(db, cutoff, before).OrderBy(f => f.Id).Select(f => f.Id).Take(count).ToListAsync(cancellationToken);

    /// <summary>Whether the follows of a batch read before the transaction are all still there, as they were read.</summary>
    private static async Task<bool> StillAsReadAsync(GazetteDb db, Dictionary<long, (int LastCommentId, DateTime? LastMailedAt)> read, CancellationToken cancellationToken)
    {
        var ids = read.Keys.ToList();
        var now = await db.Set<DiscussionFollow>().AsNoTracking().Where(f => ids.Contains(f.Id))
            .Select(f => new { f.Id, f.LastCommentId, f.LastMailedAt }).ToListAsync(cancellationToken);
        return now.Count == read.Count && now.All(f => read[f.Id] == (f.LastCommentId, f.LastMailedAt));
    }

    /// <summary>
    /// Renders the batch's mails into <paramref name="db"/> (added, not saved) and moves its follows on; returns each
    /// follow as it was read.
    /// </summary>
    private async Task<Dictionary<long, (int LastCommentId, DateTime? LastMailedAt)>> MailAsync(
        GazetteDb db, List<long> ids, int before, NotificationOptions settings, DateTime now, CancellationToken cancellationToken)
    {
        var follows = await db.Set<DiscussionFollow>().Where(f => ids.Contains(f.Id)).ToListAsync(cancellationToken);
        var read = follows.ToDictionary(f => f.Id, f => (f.LastCommentId, f.LastMailedAt));
        var news = await NewsAsync(db, follows, before, cancellationToken);
        var userIds = follows.Where(f => f.UserId is not null).Select(f => f.UserId!).Distinct().ToList();
        var members = userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.EmailConfirmed)
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var recipients = follows.Select(f => f.Address ?? (f.UserId is not null && members.TryGetValue(f.UserId, out var m) ? MailSuppression.Normalize(m.Email ?? "") : ""))
            .Where(a => a.Length > 0).Distinct().ToList();
        var limits = await NotificationLimits.ReadAsync(db, settings, now, recipients, [], cancellationToken);
        await using var mails = await outbox.StartBatchAsync(db, recipients, cancellationToken);

        foreach (var follow in follows)
        {
            var (article, comments) = news[follow.ArticleId];
            var fresh = comments.Where(c => c.Id > follow.LastCommentId).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }
            follow.LastCommentId = fresh.Max(c => c.Id);
            var member = follow.UserId is not null ? members.GetValueOrDefault(follow.UserId) : null;
            var to = follow.Address is not null ? new MailRecipient(follow.Address) : member?.Email is not null ? new MailRecipient(member.Email, member.DisplayName) : null;
            var address = to is null ? null : MailSuppression.Normalize(to.Address);
            // Not their own comments: a follower who wrote all that is new hears nothing.
            var others = fresh.Where(c => !(follow.UserId is not null ? c.UserId == follow.UserId : c.UserId is null && c.Address == address)).ToList();
            if (to is null || others.Count == 0 || !limits.TryTake(address!, null))
            {
                continue;
            }
            follow.LastMailedAt = now;
            var unsubscribe = links.Unsubscribe(to.Address, List);
            await mails.QueueAsync<FollowMail>(to, new Dictionary<string, object?>
            {
                ["News"] = new DiscussionNews(article.Title, links.Article(article.Slug),
                    others.Take(Shown).Select(c => new NewsItem(c.Author, c.Html, links.Comment(c.Id), c.At)).ToList(), Math.Max(0, others.Count - Shown)),
                ["UnsubscribeUrl"] = unsubscribe,
                ["StopAllUrl"] = links.Unsubscribe(to.Address, null),
            }, thread: $"article:{follow.ArticleId}", list: new MailList(List, unsubscribe, "Discussions you follow"));
        }
        return read;
    }

    /// <summary>
    /// Follows with a public comment newer than their last (and before <paramref name="before"/>,
    /// <see cref="PublishedComments.WaitingFromAsync"/>), due for a mail; members with a digest are not (they get it there).
    /// </summary>
    private static IQueryable<DiscussionFollow> DueFollows(GazetteDb db, DateTime cutoff, int before) =>
        db.Set<DiscussionFollow>().Where(f => (f.LastMailedAt == null || f.LastMailedAt <= cutoff)
            && db.Comments.Any(c => c.ArticleId == f.ArticleId && c.Id > f.LastCommentId && c.Id < before && c.Status == CommentStatus.Approved && c.NotifiedAt != null)
            && (f.UserId == null || db.Users.Any(u => u.Id == f.UserId && u.Digest == MailDigest.None)));

    public sealed record NewComment(int Id, string? UserId, string? Address, string Author, string Html, DateTime At);

    public sealed record ArticleNews(int Id, string Slug, string Title);

    /// <summary>
    /// Each followed article's comments newer than the oldest of its followers' last and before <paramref name="before"/>
    /// (<see cref="PublishedComments.WaitingFromAsync"/>): one query per article.
    /// </summary>
    public static async Task<Dictionary<int, (ArticleNews Article, List<NewComment> Comments)>> NewsAsync(
        GazetteDb db, IEnumerable<DiscussionFollow> follows, int before, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, (ArticleNews, List<NewComment>)>();
        foreach (var group in follows.GroupBy(f => f.ArticleId))
        {
            var since = group.Min(f => f.LastCommentId);
            var article = await db.Articles.AsNoTracking().Where(a => a.Id == group.Key).Select(a => new ArticleNews(a.Id, a.Slug, a.Title)).FirstAsync(cancellationToken);
            var comments = await db.Comments.AsNoTracking()
                .Where(c => c.ArticleId == group.Key && c.Id > since && c.Id < before && c.Status == CommentStatus.Approved && c.NotifiedAt != null)
                .OrderBy(c => c.Id).Take(500)
                .Select(c => new NewComment(c.Id, c.UserId, c.AuthorEmail == null ? null : c.AuthorEmail.Trim().ToLower(), c.AuthorName ?? "Anonymous", c.BodyHtml, c.CreatedAt))
                .ToListAsync(cancellationToken);
            result[group.Key] = (article, comments);
        }
        return result;
    }
}
