using System.Linq.Expressions;

namespace Gazette.Comments;

/// <summary>One comment as the thread shows it: only the columns a page needs.</summary>
public sealed record CommentView(
    int Id,
    int? ParentId,
    string? AuthorName,
    string BodyHtml,
    DateTime CreatedAt,
    DateTime? EditedAt,
    CommentStatus Status,
    int Upvotes,
    int Downvotes,
    string? UserId,
    string? GuestKeyHash)
{
    public const string AnonymousName = "Anonymous";

    public static readonly Expression<Func<Comment, CommentView>> FromComment = c => new CommentView(
        c.Id, c.ParentId, c.AuthorName, c.BodyHtml, c.CreatedAt, c.EditedAt, c.Status, c.Upvotes, c.Downvotes, c.UserId, c.GuestKeyHash)
    {
        HeldReasons = c.Status == CommentStatus.Pending ? c.ModerationReasons : null,
        FeaturedAt = c.FeaturedAt,
        FeaturedNote = c.FeaturedNote,
    };

    /// <summary>As <see cref="FromComment"/>, with <see cref="Depth"/>.</summary>
    public static readonly Expression<Func<Comment, CommentView>> WithDepth = c => new CommentView(
        c.Id, c.ParentId, c.AuthorName, c.BodyHtml, c.CreatedAt, c.EditedAt, c.Status, c.Upvotes, c.Downvotes, c.UserId, c.GuestKeyHash)
    {
        HeldReasons = c.Status == CommentStatus.Pending ? c.ModerationReasons : null,
        FeaturedAt = c.FeaturedAt,
        FeaturedNote = c.FeaturedNote,
        Depth = c.Depth,
    };

    /// <summary>As <see cref="FromComment"/>, with <see cref="ReplyCount"/> counted among <paramref name="replies"/> (an indexed count, no row read).</summary>
    public static IQueryable<CommentView> WithReplyCount(IQueryable<Comment> comments, IQueryable<Comment> replies) => comments.Select(c => new CommentView(
        c.Id, c.ParentId, c.AuthorName, c.BodyHtml, c.CreatedAt, c.EditedAt, c.Status, c.Upvotes, c.Downvotes, c.UserId, c.GuestKeyHash)
    {
        HeldReasons = c.Status == CommentStatus.Pending ? c.ModerationReasons : null,
        FeaturedAt = c.FeaturedAt,
        FeaturedNote = c.FeaturedNote,
        ReplyCount = replies.Count(r => r.ParentId == c.Id),
    });

    /// <summary>How many replies it has that the reader may see, shown on the page or not (read by <see cref="WithReplyCount"/>).</summary>
    public int ReplyCount { get; init; }

    /// <summary>0 for a top-level comment (read by <see cref="WithDepth"/> only).</summary>
    public int Depth { get; init; }

    /// <summary>Why a held comment waits (the moderation record's JSON), for the statement its author sees; null otherwise.</summary>
    public string? HeldReasons { get; init; }

    /// <summary>When staff made it an editors' pick (null: it is none), and their note for readers.</summary>
    public DateTime? FeaturedAt { get; init; }
    public string? FeaturedNote { get; init; }

    public bool IsFeatured => FeaturedAt is not null;

    /// <summary>Held for a moderator: only its author sees it (pages show other readers only approved comments).</summary>
    public bool IsAwaitingModeration => Status == CommentStatus.Pending;

    public string DisplayName => string.IsNullOrWhiteSpace(AuthorName) ? AnonymousName : AuthorName;

    public bool IsRemoved => Status == CommentStatus.Deleted;

    public int Score => Upvotes - Downvotes;
}
