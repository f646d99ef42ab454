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

/// <summary>What wrote it: a reader, or another site telling of a link to the article (kept from an imported WordPress).</summary>
public enum CommentKind
{
    Comment = 0,
    Pingback = 1,
    Trackback = 2,
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

    /// <summary>The web address its writer gave, as an imported site kept it (Gazette's own form asks for none); a ping's source.</summary>
    public string? AuthorUrl { get; set; }

    public CommentKind Kind { get; set; }

    /// <summary>Exactly as typed, whatever it contains.</summary>
    public string Body { get; set; } = "";

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

    /// <summary>
    /// The body as written by this comment's account or guest browser (<see cref="TextFingerprint"/>), and as written under
    /// its e-mail: the duplicate rule finds the same text from the same writer by them, in one index probe that names no
    /// identity column (so that the databases cannot take an identity's index for it and read the writer's history). Kept
    /// up to date by <see cref="KeepFingerprints"/>, which the context calls on every comment it saves; null for a comment
    /// with no such writer, or written before they were kept, or imported older than the duplicate rule looks back
    /// (DatabaseStartup gives the recent ones theirs).
    /// </summary>
    public long? WriterFingerprint { get; private set; }

    /// <inheritdoc cref="WriterFingerprint"/>
    public long? EmailFingerprint { get; private set; }

    public void KeepFingerprints()
    {
        WriterFingerprint = WriterFingerprintOf(UserId, GuestKeyHash, Body);
        EmailFingerprint = EmailFingerprintOf(AuthorEmail, Body);
    }

    /// <summary>
    /// <see cref="KeepFingerprints()"/> for a comment the duplicate rule can still meet, one written since
    /// <paramref name="duplicatesSince"/> (<see cref="Moderation.ModerationOptions.DuplicatesSince"/>); an older one gets
    /// none, as if written before they were kept. An import of years of comments so writes no fingerprints: their indexes
    /// take keys in no order, and kept for a million old comments they were a third of the import's writes. A start
    /// gives its fingerprints to every comment a longer window reaches (DatabaseStartup).
    /// </summary>
    public void KeepFingerprints(DateTime duplicatesSince)
    {
        if (CreatedAt >= duplicatesSince)
        {
            KeepFingerprints();
        }
    }

    /// <summary>The body as written by an account, or else by a guest's browser: null for neither.</summary>
    public static long? WriterFingerprintOf(string? userId, string? guestKeyHash, string body) =>
        userId is not null ? TextFingerprint.Of($"account:{userId}", body)
        : guestKeyHash is not null ? TextFingerprint.Of($"guest:{guestKeyHash}", body)
        : null;

    /// <summary>The body as written under an e-mail address, case and spacing around it aside: null for none.</summary>
    public static long? EmailFingerprintOf(string? email, string body) =>
        string.IsNullOrWhiteSpace(email) ? null : TextFingerprint.Of($"email:{email.Trim().ToLowerInvariant()}", body);

    /// <summary>Lower bound of the Wilson score interval of the votes: what "best" sorts by.</summary>
    public double Rank { get; set; }

    /// <summary>Where the comment came from in an import (a WordPress comment id, a Disqus post id), so permalinks survive.</summary>
    public string? SourceId { get; set; }

    /// <summary>The system <see cref="SourceId"/> is an id of (<see cref="Import.ImportSources"/>): unique together.</summary>
    public string? Source { get; set; }

    public List<CommentRevision> Revisions { get; set; } = [];

    /// <summary>
    /// When the notifications service dealt with it once public, or its own insert when nobody was to be told
    /// (<see cref="Notifications.CommentAudience"/>); null until then (and for ever if it never is).
    /// </summary>
    public DateTime? NotifiedAt { get; set; }

    /// <summary>The guest ticked "E-mail me replies" (members choose on /account).</summary>
    public bool NotifyReplies { get; set; }

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

    /// <summary>When staff featured it among the editors' picks, who (by display name) and with what note; null when it is not one.</summary>
    public DateTime? FeaturedAt { get; private set; }
    public string? FeaturedBy { get; private set; }
    public string? FeaturedNote { get; private set; }

    public const int MaxFeaturedNoteLength = 500;

    /// <summary>Only a published comment can be an editors' pick: featuring anything else is refused (false).</summary>
    public bool Feature(string by, DateTime at, string? note)
    {
        if (Status != CommentStatus.Approved)
        {
            return false;
        }
        (FeaturedAt, FeaturedBy, FeaturedNote) = (at, by, note);
        return true;
    }

    /// <summary>A pick as a Gazette export recorded it, whatever the comment's status became after it was picked.</summary>
    public void RestorePick(DateTime at, string? by, string? note) => (FeaturedAt, FeaturedBy, FeaturedNote) = (at, by, note);

    /// <summary>No longer an editors' pick (false when it was none).</summary>
    public bool Unfeature()
    {
        if (FeaturedAt is null)
        {
            return false;
        }
        (FeaturedAt, FeaturedBy, FeaturedNote) = (null, null, null);
        return true;
    }

    /// <inheritdoc cref="CommentLifecycle.IsVisible"/>
    public static bool IsVisible(CommentStatus status) => CommentLifecycle.IsVisible(status);

    /// <inheritdoc cref="CommentLifecycle.IsShown"/>
    public static bool IsShown(CommentStatus status) => CommentLifecycle.IsShown(status);

    /// <inheritdoc cref="CommentLifecycle.ShownInThread"/>
    public static Expression<Func<Comment, bool>> ShownInThread => CommentLifecycle.ShownInThread;
}
