using Gazette.Comments;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Moderation;

/// <summary>What featuring a comment came to.</summary>
public enum PickResult
{
    Done,
    NotFound,

    /// <summary>Only a published comment can be featured.</summary>
    NotPublished,
}

/// <summary>
/// Editors' picks: staff feature a published comment (with an optional note for readers) or unfeature it. Each change is
/// logged like a moderator's decision ("feature", "unfeature"), evicts the article's pages, and tells open pages to draw
/// the comment again (a live "edited": its markup now says whether it is a pick).
/// </summary>
public sealed class CommentPicks(GazetteDb db, TimeProvider clock, SiteCache siteCache, WriteGate writes, Live.LiveFeed live)
{
    public Task<PickResult> FeatureAsync(int commentId, Moderator by, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(commentId, by, Clean(note), feature: true, cancellationToken);

    public Task<PickResult> UnfeatureAsync(int commentId, Moderator by, CancellationToken cancellationToken) =>
        ChangeAsync(commentId, by, note: null, feature: false, cancellationToken);

    private async Task<PickResult> ChangeAsync(int commentId, Moderator by, string? note, bool feature, CancellationToken cancellationToken)
    {
        string slug;
        CommentStatus status;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            var found = await db.Comments.Where(c => c.Id == commentId)
                .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { Comment = c, a.Slug })
                .FirstOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return PickResult.NotFound;
            }
            var comment = found.Comment;
            var before = comment.FeaturedNote;
            var wasFeatured = comment.FeaturedAt is not null;
            var now = clock.GetUtcNow().UtcDateTime;
            if (feature ? !comment.Feature(by.Name, wasFeatured ? comment.FeaturedAt!.Value : now, note) : !comment.Unfeature())
            {
                return feature ? PickResult.NotPublished : PickResult.Done;
            }
            db.ModerationLog.Add(new ModerationLogEntry
            {
                At = now, ActorId = by.Id, ActorName = by.Name, Action = feature ? "feature" : "unfeature", CommentId = comment.Id,
                Before = wasFeatured ? before ?? "" : null, After = feature ? note ?? "" : null, Note = note,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            (slug, status) = (found.Slug, comment.Status);
        }
        // Evicted first: an open page fetches the comment's markup when told, and must not get the cached old one.
        await siteCache.ArticleChangedAsync(slug, cancellationToken);
        await live.CommentChangedAsync(commentId, Live.CommentChange.Edited, status, status, cancellationToken);
        return PickResult.Done;
    }

    private static string? Clean(string? note)
    {
        note = note?.Trim();
        return string.IsNullOrEmpty(note) ? null
            : note.Length > Comment.MaxFeaturedNoteLength ? note[..Comment.MaxFeaturedNoteLength] : note;
    }
}
