using System.Linq.Expressions;
using Gazette.Core.Text;

namespace Gazette.Comments;

public enum CommentStatus
{
    Approved = 0,
    Pending = 1,
    Spam = 2,
    Trashed = 3,
    /// <summary>Removed by its author: shown as a placeholder while it has visible replies.</summary>
    Deleted = 4,
}

public sealed class Comment
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int? ParentId { get; set; }
    public Comment? Parent { get; set; }

    /// <summary>The top-level comment this one belongs under (null for a top-level one): pages load whole threads by it.</summary>
    public int? RootId { get; set; }
    public Comment? Root { get; set; }

    /// <summary>0 for top-level. Stored because display decides by it where a thread continues on its own page.</summary>
    public int Depth { get; set; }

    /// <summary>As typed; null or empty is shown as "Anonymous".</summary>
    public string? AuthorName { get; set; }

    /// <summary>Never displayed; kept for notifications.</summary>
    public string? AuthorEmail { get; set; }

    /// <summary>Exactly as typed, whatever it contains.</summary>
    public string Body
    {
        get => body;
        set
        {
            body = value;
            BodyFingerprint = TextFingerprint.Of(value);
        }
    }

    // EF Core reads and writes the field, so a comment read from the database keeps the fingerprint stored with it.
    private string body = "";

    /// <summary>
    /// The body's <see cref="TextFingerprint"/>, set with it: the duplicate rule finds the same text again from the same
    /// writer by it, in one index probe. Null for comments written before it was kept (see DatabaseStartup).
    /// </summary>
    public long? BodyFingerprint { get; private set; }

    /// <summary>Gives a comment written before fingerprints were kept the one its body has.</summary>
    public void KeepFingerprint() => BodyFingerprint = TextFingerprint.Of(body);

    /// <summary>The safe HTML made from <see cref="Body"/> when it was written.</summary>
    public string BodyHtml { get; set; } = "";

    public CommentStatus Status { get; set; } = CommentStatus.Approved;
    public DateTime CreatedAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public int Upvotes { get; set; }
    public int Downvotes { get; set; }

    /// <summary>The account that wrote it; null for a guest.</summary>
    public string? UserId { get; set; }

    /// <summary>SHA-256 of the guest key in the writer's browser cookie: lets a guest edit and delete what they wrote.</summary>
    public string? GuestKeyHash { get; set; }

    /// <summary>Keyed hash of the writer's IP address; the address itself is never stored.</summary>
    public string? IpHash { get; set; }

    /// <summary>Lower bound of the Wilson score interval of the votes: what "best" sorts by.</summary>
    public double Rank { get; set; }

    /// <summary>Where the comment came from in an import (a WordPress comment id, a Disqus post id), so permalinks survive.</summary>
    public string? SourceId { get; set; }

    public List<CommentRevision> Revisions { get; set; } = [];

    /// <summary>
    /// Why the comment has its status, as JSON written by moderation (the rules that fired, the words they matched,
    /// the score, or the moderator's decision): what the queue shows moderators and the statement of reasons shows
    /// its author. Null for a comment nothing held.
    /// </summary>
    public string? ModerationReasons { get; set; }

    /// <summary>The spam check's score when it was written (0 = clean); the queue sorts and filters by it.</summary>
    public double SpamScore { get; set; }

    /// <summary>When a moderator last changed its status, and who (by display name, kept even if the account goes).</summary>
    public DateTime? ModeratedAt { get; set; }
    public string? ModeratedBy { get; set; }

    public static bool IsVisible(CommentStatus status) => status == CommentStatus.Approved;

    /// <summary>On the page: visible, or a placeholder for a deleted comment.</summary>
    public static bool IsShown(CommentStatus status) => status is CommentStatus.Approved or CommentStatus.Deleted;

    /// <summary>What a thread page reads: visible comments, and removed ones that may stand as placeholders for their replies.</summary>
    public static readonly Expression<Func<Comment, bool>> ShownInThread =
        c => c.Status == CommentStatus.Approved || c.Status == CommentStatus.Deleted;
}
