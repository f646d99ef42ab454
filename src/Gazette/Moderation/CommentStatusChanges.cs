using System.Security.Claims;
using Gazette.Comments;
using Gazette.Core.Text;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Moderation;

/// <summary>What a moderator decides about a comment.</summary>
public enum Decision
{
    Approve,
    Spam,
    Trash,

    /// <summary>Back to what it was before it went to spam or the trash (published or awaiting moderation); approved when that is unknown.</summary>
    Restore,
}

/// <summary>Who acted: a staff member (their account id and display name), or the site itself (readers' flags).</summary>
public sealed record Moderator(string? Id, string Name)
{
    public static Moderator Of(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindFirstValue(Readers.DisplayNameClaim) ?? user.Identity?.Name ?? "a moderator");
}

/// <summary>One comment that changed status.</summary>
public sealed record StatusChange(int CommentId, CommentStatus Before, CommentStatus After);

/// <summary>
/// Every change of a comment's status made after it was written: a moderator's decision, a moderator's edit, an
/// appeal decided, readers' flags holding it. Each one, in one transaction, sets the status and who decided, adds the
/// decision to the comment's record of reasons (what its author reads), resolves the readers' flags, keeps the
/// article's count of visible comments right and writes the moderation log; then the pages that showed it are evicted.
/// </summary>
public sealed class CommentStatusChanges(GazetteDb db, TimeProvider clock, SiteCache siteCache, WriteGate writes, IOptions<DiscussionOptions> discussion,
    Notifications.NotificationSignal notifications, Live.LiveFeed live)
{
    public const int MaxNoteLength = 500;

    /// <summary>The log's verb for each decision.</summary>
    public static string ActionOf(Decision decision) => decision switch
    {
        Decision.Approve => "approve",
        Decision.Spam => "spam",
        Decision.Trash => "trash",
        _ => "restore",
    };

    /// <summary>Applies one decision to each comment it can change (a deleted comment, or one already so, is left alone).</summary>
    public async Task<IReadOnlyList<StatusChange>> DecideAsync(
        IReadOnlyCollection<int> commentIds, Decision decision, Moderator by, string? note, CancellationToken cancellationToken)
    {
        note = Clean(note);
        var changes = new List<StatusChange>();
        var slugs = new HashSet<string>();
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            // Read inside the transaction: two moderators deciding on the same comment at once count it once.
            var found = await WithSlugs(db.Comments.Where(c => commentIds.Contains(c.Id))).ToListAsync(cancellationToken);
            var counts = new Dictionary<int, int>();
            foreach (var (comment, slug) in found)
            {
                var target = decision == Decision.Restore ? await RestoredStatusAsync(comment, cancellationToken) : Target(decision);
                if (decision == Decision.Approve && comment.Status == CommentStatus.Approved
                    && await db.CommentFlags.AnyAsync(f => f.CommentId == comment.Id && f.ResolvedAt == null, cancellationToken))
                {
                    // Kept as it is: the readers' flags are dealt with.
                    db.ModerationLog.Add(new ModerationLogEntry
                    {
                        At = clock.GetUtcNow().UtcDateTime, ActorId = by.Id, ActorName = by.Name, Action = "dismiss-flags", CommentId = comment.Id,
                        Before = comment.Status.ToString(), After = comment.Status.ToString(), Note = note,
                    });
                    changes.Add(new StatusChange(comment.Id, comment.Status, comment.Status));
                    continue;
                }
                if (target is not { } to || !CommentLifecycle.MayMove(comment.Status, to, CommentMover.Moderator))
                {
                    continue;
                }
                changes.Add(Apply(comment, to, ActionOf(decision), by, note, DecisionReason(to, decision, note), counts));
                slugs.Add(slug);
            }
            if (changes.Count == 0)
            {
                return changes;
            }
            await ResolveFlagsAsync(changes.Select(c => c.CommentId).ToList(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await CommentLifecycle.CountAsync(db, counts, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // Evicted first: an open page fetches a comment's markup when told, and must not get the cached old one.
        await EvictAsync(slugs, cancellationToken);
        foreach (var change in changes)
        {
            await live.CommentChangedAsync(change.CommentId, Live.CommentChange.Moved, change.Before, change.After, cancellationToken);
        }
        await live.DecidedAsync(changes.Select(c => (c.CommentId, c.After)), by.Name, cancellationToken);
        notifications.CommentsPublished();
        return changes;
    }

    public async Task<StatusChange?> DecideAsync(int commentId, Decision decision, Moderator by, string? note, CancellationToken cancellationToken) =>
        (await DecideAsync([commentId], decision, by, note, cancellationToken)).FirstOrDefault();

    /// <summary>A moderator's edit of the text: the old text is kept as a revision, the HTML made again, the log keeps both.</summary>
    public async Task<WriteResult> EditAsync(int commentId, string? body, Moderator by, string? note, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return WriteResult.Error(WriteStatus.Invalid, "The comment cannot be empty; trash it instead.", nameof(Comment.Body));
        }
        if (body.Length > discussion.Value.MaxBodyLength)
        {
            return WriteResult.Error(WriteStatus.Invalid,
                $"A comment can be at most {discussion.Value.MaxBodyLength:N0} characters long; this one has {body.Length:N0}.", nameof(Comment.Body));
        }
        note = Clean(note);
        string slug;
        CommentStatus status;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            var found = await WithSlugs(db.Comments.Where(c => c.Id == commentId)).FirstOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return WriteResult.Error(WriteStatus.NotFound, "There is no such comment.");
            }
            var comment = found.Comment;
            slug = found.Slug;
            if (comment.Status == CommentStatus.Deleted)
            {
                return WriteResult.Error(WriteStatus.Conflict, "Its author deleted this comment.");
            }
            if (body == comment.Body)
            {
                return WriteResult.Ok(comment.Id);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            db.CommentRevisions.Add(new CommentRevision { CommentId = comment.Id, Body = comment.Body, ReplacedAt = now });
            db.ModerationLog.Add(new ModerationLogEntry
            {
                At = now, ActorId = by.Id, ActorName = by.Name, Action = "edit", CommentId = comment.Id,
                Before = comment.Body, After = body, Note = note,
            });
            CommentLifecycle.SetBody(comment, body);
            comment.EditedAt = now;
            comment.ModeratedAt = now;
            comment.ModeratedBy = by.Name;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            status = comment.Status;
        }
        await siteCache.ArticleChangedAsync(slug, cancellationToken);
        await live.CommentChangedAsync(commentId, Live.CommentChange.Edited, status, status, cancellationToken);
        return WriteResult.Ok(commentId);
    }

    /// <summary>
    /// Decides the open appeal on a comment: upheld, the comment is approved (the decision reversed); rejected, it
    /// stays as it is. Either way the author reads the outcome and the note on the comment's status page.
    /// </summary>
    /// <returns>False when the comment has no open appeal.</returns>
    public async Task<bool> DecideAppealAsync(int commentId, bool uphold, Moderator by, string? note, CancellationToken cancellationToken)
    {
        note = Clean(note);
        string? evict = null;
        StatusChange? upheld = null;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            var appeal = await db.Appeals.Where(a => a.CommentId == commentId && a.Status == AppealStatus.Open)
                .OrderBy(a => a.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            if (appeal is null)
            {
                return false;
            }
            var now = clock.GetUtcNow().UtcDateTime;
            appeal.Status = uphold ? AppealStatus.Upheld : AppealStatus.Rejected;
            appeal.ResolvedAt = now;
            appeal.ResolvedByName = by.Name;
            appeal.ResolutionNote = note;

            var (comment, slug) = await WithSlugs(db.Comments.Where(c => c.Id == commentId)).FirstAsync(cancellationToken);
            var counts = new Dictionary<int, int>();
            var action = uphold ? "appeal-upheld" : "appeal-rejected";
            if (uphold && CommentLifecycle.MayMove(comment.Status, CommentStatus.Approved, CommentMover.Moderator))
            {
                upheld = Apply(comment, CommentStatus.Approved, action, by, note,
                    new ModerationReason("moderator", "A moderator reviewed your appeal and reversed the decision: the comment is published." + NoteSentence(note)),
                    counts);
                await ResolveFlagsAsync([commentId], cancellationToken);
                evict = slug;
            }
            else
            {
                db.ModerationLog.Add(new ModerationLogEntry
                {
                    At = now, ActorId = by.Id, ActorName = by.Name, Action = action, CommentId = commentId,
                    Before = comment.Status.ToString(), After = comment.Status.ToString(), Note = note,
                });
            }
            await db.SaveChangesAsync(cancellationToken);
            await CommentLifecycle.CountAsync(db, counts, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (upheld is not null)
        {
            await live.CommentChangedAsync(commentId, Live.CommentChange.Moved, upheld.Before, upheld.After, cancellationToken);
            await live.DecidedAsync([(commentId, upheld.After)], by.Name, cancellationToken);
        }
        if (evict is not null)
        {
            await siteCache.ArticleChangedAsync(evict, cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// Readers flagged a published comment often enough: it waits for a moderator. For the flag writer, inside the
    /// transaction it already holds (the caller saves, counts and evicts: see <see cref="CommentLifecycle.CountAsync(GazetteDb, IReadOnlyDictionary{int, int}, CancellationToken)"/>).
    /// </summary>
    internal StatusChange HoldForFlags(Comment comment, int readers, IReadOnlyCollection<FlagReason> reasons, Dictionary<int, int> counts)
    {
        var why = string.Join(", ", reasons.Distinct().Order().Select(FlagWords.Describe));
        return Apply(comment, CommentStatus.Pending, "hold", new Moderator(null, "Readers’ flags"), null,
            new ModerationReason("flags", $"{readers} readers flagged it ({why}); it waits for a moderator to review it."), counts);
    }

    private StatusChange Apply(Comment comment, CommentStatus to, string action, Moderator by, string? note, ModerationReason? reason, Dictionary<int, int> counts)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = comment.Status;
        CommentLifecycle.Tally(counts, comment.ArticleId, before, to);
        comment.Status = to;
        if (by.Id is not null)
        {
            comment.ModeratedAt = now;
            comment.ModeratedBy = by.Name;
        }
        if (reason is not null)
        {
            comment.ModerationReasons = ModerationRecord.Read(comment.ModerationReasons).With(reason).ToJson();
        }
        db.ModerationLog.Add(new ModerationLogEntry
        {
            At = now, ActorId = by.Id, ActorName = by.Name, Action = action, CommentId = comment.Id,
            Before = before.ToString(), After = to.ToString(), Note = note,
        });
        return new StatusChange(comment.Id, before, to);
    }

    private static CommentStatus? Target(Decision decision) => decision switch
    {
        Decision.Approve => CommentStatus.Approved,
        Decision.Spam => CommentStatus.Spam,
        Decision.Trash => CommentStatus.Trashed,
        _ => null,
    };

    /// <summary>The statement of reasons' line for a decision: what was decided, by a moderator, and their note.</summary>
    private static ModerationReason DecisionReason(CommentStatus to, Decision decision, string? note) => new("moderator", (to, decision) switch
    {
        (CommentStatus.Spam, _) => "A moderator marked it as spam: it is not shown.",
        (CommentStatus.Trashed, _) => "A moderator removed it: it is not shown.",
        (CommentStatus.Pending, _) => "A moderator put it back to wait for review.",
        (_, Decision.Restore) => "A moderator restored it: it is published.",
        _ => "A moderator reviewed it and approved it: it is published.",
    } + NoteSentence(note));

    private static string NoteSentence(string? note) => note is null ? "" : $" Moderator’s note: {note}";

    /// <summary>What a comment in spam or the trash goes back to: its status before it was put there, when that was published or waiting.</summary>
    private async Task<CommentStatus?> RestoredStatusAsync(Comment comment, CancellationToken cancellationToken)
    {
        if (comment.Status is not (CommentStatus.Spam or CommentStatus.Trashed))
        {
            return null;
        }
        var current = comment.Status.ToString();
        var before = await db.ModerationLog.AsNoTracking()
            .Where(e => e.CommentId == comment.Id && e.After == current && e.Action != "edit")
            .OrderByDescending(e => e.Id)
            .Select(e => e.Before)
            .FirstOrDefaultAsync(cancellationToken);
        return Enum.TryParse<CommentStatus>(before, out var previous) && previous == CommentStatus.Pending
            ? CommentStatus.Pending
            : CommentStatus.Approved;
    }

    /// <summary>A moderator has dealt with the comment: the flags so far stop counting towards holding it again.</summary>
    private Task ResolveFlagsAsync(List<int> commentIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.CommentFlags.Where(f => commentIds.Contains(f.CommentId) && f.ResolvedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(f => f.ResolvedAt, now), cancellationToken);
    }

    private sealed record Found(Comment Comment, string Slug);

    private IQueryable<Found> WithSlugs(IQueryable<Comment> comments) =>
        comments.Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new Found(c, a.Slug));

    private async Task EvictAsync(IEnumerable<string> slugs, CancellationToken cancellationToken)
    {
        foreach (var slug in slugs)
        {
            await siteCache.ArticleChangedAsync(slug, cancellationToken);
        }
    }

    private static string? Clean(string? note)
    {
        note = note?.Trim();
        return string.IsNullOrEmpty(note) ? null : note.Length > MaxNoteLength ? note[..MaxNoteLength] : note;
    }
}
