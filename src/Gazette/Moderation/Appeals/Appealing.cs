using Gazette.Comments;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Moderation;

/// <summary>An author's appeals against decisions on their comments: one open at a time per comment.</summary>
public sealed class Appealing(GazetteDb db, TimeProvider clock, WriteGate writes)
{
    public const int MaxTextLength = 2000;

    /// <summary>A comment its author may appeal for: held, or taken down (and not silently kept from others, which they must not learn of).</summary>
    public static bool CanAppeal(CommentStatus status, ModerationRecord record) =>
        status is CommentStatus.Pending or CommentStatus.Spam or CommentStatus.Trashed && !IsShadowed(record);

    /// <summary>
    /// Kept from everyone but its author without a word: a shadow ban, or a bot's tell (the trap field, a form sent back
    /// too fast). Telling the author would teach a spammer what gave them away, so they see it as published.
    /// </summary>
    public static bool IsShadowed(ModerationRecord record) => record.Reasons.Any(r => r.Rule is "shadow-ban" or "honeypot" or "too-fast");

    public async Task<WriteResult> AppealAsync(int commentId, string? text, Reader reader, CancellationToken cancellationToken)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return WriteResult.Error(WriteStatus.Invalid, "Say why the decision should change.", "Text");
        }
        if (text.Length > MaxTextLength)
        {
            return WriteResult.Error(WriteStatus.Invalid, $"An appeal can be at most {MaxTextLength:N0} characters long; yours has {text.Length:N0}.", "Text");
        }
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var comment = await db.Comments.AsNoTracking().Where(c => c.Id == commentId)
            .Select(c => new { c.UserId, c.GuestKeyHash, c.Status, c.ModerationReasons }).FirstOrDefaultAsync(cancellationToken);
        if (comment is null || !reader.Wrote(comment.UserId, comment.GuestKeyHash))
        {
            return WriteResult.Error(WriteStatus.NotFound, "There is no such comment.");
        }
        if (!CanAppeal(comment.Status, ModerationRecord.Read(comment.ModerationReasons)))
        {
            return WriteResult.Error(WriteStatus.Conflict, "This comment is published: there is nothing to appeal.");
        }
        if (await db.Appeals.AnyAsync(a => a.CommentId == commentId && a.Status == AppealStatus.Open, cancellationToken))
        {
            return WriteResult.Error(WriteStatus.Conflict, "Your appeal on this comment is still waiting for a moderator; you can send another once it is decided.");
        }
        db.Appeals.Add(new Appeal { CommentId = commentId, Text = text, CreatedAt = clock.GetUtcNow().UtcDateTime, Status = AppealStatus.Open });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Ok(commentId);
    }
}
