using Gazette.Articles;
using Gazette.Core.Ranking;
using Gazette.Core.Text;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Moderation;
using Gazette.Moderation.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>
/// Every change a reader makes to a discussion: post, reply, edit, delete, vote. Each one checks its rules, writes
/// in one transaction (the comment and the article's visible-comment count together), renders the comment's HTML
/// once, and evicts the cached pages that show it. The HTML forms and the JSON API both come here. What is posted or
/// edited is screened first (<see cref="CommentScreening"/>): it may be refused, held for a moderator, or kept as spam.
/// </summary>
public sealed class CommentWriter(
    GazetteDb db, TimeProvider clock, IOptions<DiscussionOptions> options, SiteCache siteCache, WriteGate writes, CommentScreening screening,
    IOptions<Accounts.AccountOptions> accounts, Notifications.NotificationSignal notifications, Live.LiveFeed live,
    Accounts.ReservedNames reservedNames)
{
    private DiscussionOptions Rules => options.Value;

    /// <param name="form">What the HTML form adds for the screening (its trap field, when it was shown); null from the API.</param>
    public async Task<WriteResult> PostAsync(
        string articleSlug, CommentInput input, Reader reader, CancellationToken cancellationToken, FormSignals? form = null)
    {
        await using var connection = await OpenConnection.OpenAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var article = await ArticleNamedAsync(db, articleSlug, cancellationToken);
        if (article is null || !PublishedArticles.IsPublished(article.Status, article.PublishedAt, now))
        {
            return WriteResult.Error(WriteStatus.NotFound, "There is no such article.");
        }
        if (IsClosed(article.CommentsClosed, article.PublishedAt, now))
        {
            return WriteResult.Error(WriteStatus.Conflict, "Comments are closed on this article.");
        }
        if ((CommentRules.CheckBody(input.Body, Rules) ?? (reader.IsMember ? null : CommentRules.CheckGuest(input))) is { } invalid)
        {
            return invalid;
        }
        if (reader.IsMember && accounts.Value.RequireVerifiedEmailToComment
            && !await db.Users.AnyAsync(u => u.Id == reader.UserId && u.EmailConfirmed, cancellationToken))
        {
            return WriteResult.VerifyEmailFirst;
        }
        // A member writes under their account's name; a guest may not take someone's.
        if (!reader.IsMember && await reservedNames.IsTakenAsync(input.AuthorName, ownerUserId: null, cancellationToken))
        {
            return WriteResult.Error(WriteStatus.Invalid, Accounts.ReservedNames.TakenByMember(input.AuthorName!), nameof(CommentInput.AuthorName));
        }

        ReplyTarget? parent = null;
        if (input.ParentId is { } parentId)
        {
            parent = await ParentOfAsync(db, parentId, cancellationToken);
            if (parent is null || (parent.ArticleId == article.Id && !CommentLifecycle.IsShown(parent.Status)))
            {
                return WriteResult.Error(WriteStatus.Unprocessable, "The comment you are replying to does not exist.", nameof(CommentInput.ParentId));
            }
            if (parent.ArticleId != article.Id)
            {
                return WriteResult.Error(WriteStatus.Unprocessable, "The comment you are replying to belongs to another article.", nameof(CommentInput.ParentId));
            }
            if (parent.Status == CommentStatus.Deleted)
            {
                return WriteResult.Error(WriteStatus.Conflict, "The comment you are replying to has been deleted.", nameof(CommentInput.ParentId));
            }
        }

        var authorName = reader.IsMember ? reader.AccountName : (string.IsNullOrWhiteSpace(input.AuthorName) ? null : input.AuthorName);
        var authorEmail = reader.IsMember || string.IsNullOrWhiteSpace(input.AuthorEmail) ? null : input.AuthorEmail.Trim();
        var decision = await screening.ScreenPostAsync(
            new CommentSubmission(input.Body!, reader.IsMember ? null : authorName, authorEmail, reader, article.Slug, form), cancellationToken);
        if (decision.Refusal is { } refused)
        {
            ScreeningMetrics.Posted(decision);
            return refused;
        }

        var comment = new Comment
        {
            ArticleId = article.Id,
            AuthorName = authorName,
            AuthorEmail = authorEmail,
            Status = decision.Status,
            ModerationReasons = decision.RecordJson,
            SpamScore = decision.Score,
            CreatedAt = now,
            UserId = reader.UserId,
            GuestKeyHash = reader.IsMember ? null : reader.GuestKeyHash,
            IpHash = reader.IpHash,
            NotifyReplies = authorEmail is not null && input.NotifyReplies,
        };
        CommentLifecycle.Place(comment, parent?.Id, parent?.RootId, parent?.Depth ?? 0);
        CommentLifecycle.SetBody(comment, input.Body!);
        var visible = CommentLifecycle.IsVisible(comment.Status);
        // Nobody to tell of it: dealt with in its own insert, so the notifications service is neither woken nor claims it.
        comment.NotifiedAt = await Notifications.CommentAudience.NobodyToTellAsync(db, comment, cancellationToken) ? comment.CreatedAt : null;
        // Inserted in one statement rather than saved (see SingleRowInsert), so given its fingerprints here.
        comment.KeepFingerprints();
        IReadOnlyList<Live.LiveMessage> told;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            await SingleRowInsert<Comment>.For(db).RunAsync(db, comment, cancellationToken);
            var count = await CommentLifecycle.CountWrittenAsync(db, article.Id, CommentLifecycle.CountChange(comment.Status), cancellationToken);
            told = await live.RecordPostedAsync(comment.Id, article.Id, comment.ParentId, comment.Status, count, article.Title, article.Slug, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        ScreeningMetrics.Posted(decision);
        // A held or spam comment changes no public page (its author's view is never cached): a flood of them evicts nothing.
        if (visible)
        {
            await siteCache.ArticleChangedAsync(article.Slug, cancellationToken);
            if (comment.NotifiedAt is null)
            {
                notifications.CommentsPublished();
            }
        }
        await live.PublishAsync(told);
        return WriteResult.Ok(comment.Id) with { AwaitingModeration = comment.Status == CommentStatus.Pending };
    }

    public async Task<WriteResult> EditAsync(int commentId, string? body, Reader reader, CancellationToken cancellationToken)
    {
        var (comment, slug, refusal) = await OwnCommentAsync(commentId, reader, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (!CommentLifecycle.InEditWindow(comment!.CreatedAt, now, Rules))
        {
            return WriteResult.Error(WriteStatus.Conflict, CommentLifecycle.EditWindowPassed(Rules));
        }
        if (CommentRules.CheckBody(body, Rules) is { } invalid)
        {
            return invalid;
        }
        if (body == comment.Body)
        {
            return WriteResult.Ok(comment.Id) with { AwaitingModeration = comment.Status == CommentStatus.Pending };
        }
        var decision = await screening.ScreenEditAsync(comment, body!, reader, cancellationToken);
        if (decision.Refusal is { } refused)
        {
            ScreeningMetrics.Edited(decision);
            return refused;
        }
        var before = comment.Status;
        var wasVisible = CommentLifecycle.IsVisible(before);
        if (decision.Outcome == ScreeningOutcome.Hold)
        {
            // What the edit added waits for a moderator; a comment already held or kept as spam stays where it is.
            var record = decision.Reasons.Aggregate(ModerationRecord.Read(comment.ModerationReasons), (held, reason) => held.With(reason));
            comment.ModerationReasons = record.ToJson();
            if (CommentLifecycle.MayMove(before, CommentStatus.Pending, CommentMover.Author))
            {
                comment.Status = CommentStatus.Pending;
            }
        }
        comment.Revisions.Add(new CommentRevision { Body = comment.Body, ReplacedAt = now });
        CommentLifecycle.SetBody(comment, body!);
        comment.EditedAt = now;
        IReadOnlyList<Live.LiveMessage> told;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await CommentLifecycle.CountAsync(db, comment.ArticleId, CommentLifecycle.CountChange(before, comment.Status), cancellationToken);
            told = await live.RecordAsync(comment.Id, Live.CommentChange.Edited, before, comment.Status, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        ScreeningMetrics.Edited(decision);
        if (wasVisible)
        {
            await siteCache.ArticleChangedAsync(slug!, cancellationToken);
        }
        await live.PublishAsync(told);
        return WriteResult.Ok(comment.Id) with { AwaitingModeration = comment.Status == CommentStatus.Pending };
    }

    /// <summary>Deleting keeps the row (and its text, for moderators): the thread shows a placeholder while replies remain.</summary>
    public async Task<WriteResult> DeleteAsync(int commentId, Reader reader, CancellationToken cancellationToken)
    {
        var (comment, slug, refusal) = await OwnCommentAsync(commentId, reader, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var before = comment!.Status;
        comment.Status = CommentStatus.Deleted;
        IReadOnlyList<Live.LiveMessage> told;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await CommentLifecycle.CountAsync(db, comment.ArticleId, CommentLifecycle.CountChange(before, CommentStatus.Deleted), cancellationToken);
            told = await live.RecordAsync(comment.Id, Live.CommentChange.Moved, before, CommentStatus.Deleted, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await siteCache.ArticleChangedAsync(slug!, cancellationToken);
        await live.PublishAsync(told);
        return WriteResult.Ok(comment.Id);
    }

    /// <summary>Sets this reader's vote on a comment to +1, -1 or 0 (withdrawn); the totals are recounted from the votes.</summary>
    public async Task<WriteResult> VoteAsync(int commentId, int value, Reader reader, CancellationToken cancellationToken)
    {
        if (value is < -1 or > 1)
        {
            return WriteResult.Error(WriteStatus.Invalid, "A vote is 1 (up), -1 (down) or 0 (withdraw).", "Value");
        }
        var target = await db.Comments.Where(c => c.Id == commentId && c.Status == CommentStatus.Approved)
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { Comment = c, a.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return WriteResult.Error(WriteStatus.NotFound, "There is no such comment.");
        }
        if (reader.Wrote(target.Comment.UserId, target.Comment.GuestKeyHash))
        {
            return WriteResult.Error(WriteStatus.Conflict, "You cannot vote on your own comment.");
        }

        var vote = await db.CommentVotes.FirstOrDefaultAsync(v => v.CommentId == commentId && v.VoterKey == reader.VoterKey, cancellationToken);
        if (vote is null && !reader.IsMember && reader.IpHash is not null)
        {
            // A guest who lost their cookie is still the same voter from the same address.
            vote = await db.CommentVotes.FirstOrDefaultAsync(
                v => v.CommentId == commentId && v.IpHash == reader.IpHash && v.VoterKey.StartsWith("g:"), cancellationToken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (vote is null && value != 0)
        {
            db.CommentVotes.Add(new CommentVote { CommentId = commentId, VoterKey = reader.VoterKey, IpHash = reader.IpHash, Value = value, CastAt = now });
        }
        else if (vote is not null && value == 0)
        {
            db.CommentVotes.Remove(vote);
        }
        else if (vote is not null)
        {
            vote.Value = value;
            vote.CastAt = now;
        }

        int score;
        IReadOnlyList<Live.LiveMessage> told;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same reader voted twice at once: the unique index kept one; count what is stored.
                db.ChangeTracker.Clear();
            }
            var up = await db.CommentVotes.CountAsync(v => v.CommentId == commentId && v.Value > 0, cancellationToken);
            var down = await db.CommentVotes.CountAsync(v => v.CommentId == commentId && v.Value < 0, cancellationToken);
            var rank = WilsonScore.LowerBound(up, down);
            score = up - down;
            await db.Comments.Where(c => c.Id == commentId).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.Upvotes, up)
                .SetProperty(c => c.Downvotes, down)
                .SetProperty(c => c.Rank, rank), cancellationToken);
            told = await live.RecordAsync(commentId, Live.CommentChange.Voted, CommentStatus.Approved, CommentStatus.Approved, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await siteCache.ArticleChangedAsync(target.Slug, cancellationToken);
        await live.PublishAsync(told);
        return WriteResult.Ok(commentId) with { Score = score };
    }

    private sealed record DiscussedArticle(int Id, string Slug, string Title, ArticleStatus Status, DateTime PublishedAt, bool CommentsClosed);

    /// <summary>
    /// The article a comment is posted to, by its slug (a unique index), on the open connection. SQL both databases read
    /// alike, sent as it is: through EF Core, even compiled, the query's machinery (its shaper's delegates made again at
    /// every call) cost the post more than the read itself (issue 11).
    /// </summary>
    private static Task<DiscussedArticle?> ArticleNamedAsync(GazetteDb db, string slug, CancellationToken cancellationToken) =>
        OneRowAsync(db, """SELECT "Id", "Slug", "Title", "Status", "PublishedAt", "CommentsClosed" FROM "Articles" WHERE "Slug" = @key LIMIT 1""", slug,
            reader => new DiscussedArticle(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), (ArticleStatus)reader.GetInt32(3),
                DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc), reader.GetBoolean(5)),
            cancellationToken);

    private sealed record ReplyTarget(int Id, int ArticleId, CommentStatus Status, int? RootId, int Depth);

    /// <summary>
    /// What a reply needs of its parent, not the whole row (with its text) tracked for nothing; by its primary key, as
    /// <see cref="ArticleNamedAsync"/> reads the article (issue 11).
    /// </summary>
    private static Task<ReplyTarget?> ParentOfAsync(GazetteDb db, int id, CancellationToken cancellationToken) =>
        OneRowAsync(db, """SELECT "Id", "ArticleId", "Status", "RootId", "Depth" FROM "Comments" WHERE "Id" = @key LIMIT 1""", id,
            reader => new ReplyTarget(reader.GetInt32(0), reader.GetInt32(1), (CommentStatus)reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetInt32(4)),
            cancellationToken);

    /// <summary>The first row of <paramref name="sql"/> (whose one parameter is <c>@key</c>) on the open connection, or null.</summary>
    private static async Task<T?> OneRowAsync<T>(GazetteDb db, string sql, object key, Func<System.Data.Common.DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? read(reader) : null;
    }

    public bool IsClosed(bool closedByEditor, DateTime publishedAt, DateTime now) =>
        closedByEditor || (Rules.CloseAfterDays is { } days && now > publishedAt.AddDays(days));

    private async Task<(Comment? Comment, string? Slug, WriteResult? Refusal)> OwnCommentAsync(
        int commentId, Reader reader, CancellationToken cancellationToken)
    {
        var found = await db.Comments.Where(c => c.Id == commentId)
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { Comment = c, a.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        // A held comment (or one kept as spam without telling its author) exists only for its author.
        if (found is null || !(CommentLifecycle.IsShown(found.Comment.Status)
            || (ThreadQuery.IsShownToItsAuthor(found.Comment) && reader.Wrote(found.Comment.UserId, found.Comment.GuestKeyHash))))
        {
            return (null, null, WriteResult.Error(WriteStatus.NotFound, "There is no such comment."));
        }
        if (!reader.Wrote(found.Comment.UserId, found.Comment.GuestKeyHash))
        {
            return (null, null, WriteResult.Error(WriteStatus.Forbidden, "Only the author of a comment can change it."));
        }
        if (found.Comment.Status == CommentStatus.Deleted)
        {
            return (null, null, WriteResult.Error(WriteStatus.Conflict, "This comment has already been deleted."));
        }
        return (found.Comment, found.Slug, null);
    }
}
