using Gazette.Articles;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Moderation;

/// <summary>How a flag went: refused (a <see cref="WriteResult"/>), or recorded, and whether it held the comment.</summary>
public sealed record FlagResult(WriteResult Result, bool Held = false);

/// <summary>
/// Readers' flags: one per reader per comment (a second one changes its reason), and a published comment flagged by
/// enough distinct readers (<see cref="FlagOptions.HoldAfter"/>) waits for a moderator, in the same transaction. Which
/// flags count is decided here and nowhere else.
/// </summary>
public sealed class Flagging(
    GazetteDb db, TimeProvider clock, IOptions<FlagOptions> options, CommentStatusChanges changes, SiteCache siteCache, WriteGate writes,
    Live.LiveFeed live)
{
    public const int MaxNoteLength = 500;

    public async Task<FlagResult> FlagAsync(int commentId, FlagReason? reason, string? note, Reader reader, CancellationToken cancellationToken)
    {
        if (reason is not { } why || !Enum.IsDefined(why))
        {
            return new(WriteResult.Error(WriteStatus.Invalid, "Choose why you are flagging this comment.", "Reason"));
        }
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > MaxNoteLength)
        {
            return new(WriteResult.Error(WriteStatus.Invalid, $"The note can be at most {MaxNoteLength} characters long; yours has {note.Length}.", "Note"));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var target = await db.Comments.AsNoTracking()
            .Where(c => c.Id == commentId && c.Status == CommentStatus.Approved)
            .Join(db.Articles.Published(now), c => c.ArticleId, a => a.Id, (c, a) => new { c.UserId, c.GuestKeyHash, a.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return new(WriteResult.Error(WriteStatus.NotFound, "There is no such comment."));
        }
        if (reader.Wrote(target.UserId, target.GuestKeyHash))
        {
            return new(WriteResult.Error(WriteStatus.Conflict, "You cannot flag your own comment; you can edit or delete it."));
        }

        var held = false;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            var flag = await db.CommentFlags.FirstOrDefaultAsync(f => f.CommentId == commentId && f.ReaderKey == reader.VoterKey, cancellationToken);
            if (flag is null && !reader.IsMember && reader.IpHash is not null)
            {
                // A guest who cleared their cookies is still the same flagger from the same address: otherwise one
                // person could hold any comment alone, by flagging it HoldAfter times from fresh browsers.
                flag = await db.CommentFlags.FirstOrDefaultAsync(
                    f => f.CommentId == commentId && f.IpHash == reader.IpHash && f.ReaderKey.StartsWith("g:"), cancellationToken);
            }
            if (flag is null)
            {
                db.CommentFlags.Add(new CommentFlag
                {
                    CommentId = commentId, ReaderKey = reader.VoterKey, IpHash = reader.IpHash, Reason = why, Note = note, CreatedAt = now,
                });
            }
            else
            {
                // A flag a moderator has settled stays settled, even flagged again: a moderator who approved the
                // comment overruled this reader, who must not be able to hide it again by repeating themselves
                // (readers who had not flagged it still count afresh).
                flag.Reason = why;
                flag.Note = note;
            }
            await db.SaveChangesAsync(cancellationToken);

            // Flags that count: open, and from a guest or a member who has verified their address, so that accounts
            // made by the dozen with made-up addresses cannot hide a comment.
            var open = await db.CommentFlags.AsNoTracking()
                .Where(f => f.CommentId == commentId && f.ResolvedAt == null)
                .Where(f => !f.ReaderKey.StartsWith("u:") || db.Users.Any(u => u.EmailConfirmed && "u:" + u.Id == f.ReaderKey))
                .Select(f => f.Reason).ToListAsync(cancellationToken);
            if (open.Count >= options.Value.HoldAfter)
            {
                var comment = await db.Comments.FirstAsync(c => c.Id == commentId, cancellationToken);
                if (CommentLifecycle.MayMove(comment.Status, CommentStatus.Pending, CommentMover.Readers))
                {
                    var counts = new Dictionary<int, int>();
                    changes.HoldForFlags(comment, open.Count, open, counts);
                    await db.SaveChangesAsync(cancellationToken);
                    await CommentLifecycle.CountAsync(db, counts, cancellationToken);
                    held = true;
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        if (held)
        {
            await live.CommentChangedAsync(commentId, Live.CommentChange.Moved, CommentStatus.Approved, CommentStatus.Pending, cancellationToken);
            await siteCache.ArticleChangedAsync(target.Slug, cancellationToken);
        }
        return new(WriteResult.Ok(commentId), held);
    }
}
