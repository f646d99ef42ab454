namespace Gazette.Moderation;

public enum FlagReason
{
    Spam = 0,
    Abuse = 1,
    OffTopic = 2,
    Other = 3,
}

/// <summary>A reader's report of a comment. One per reader per comment; enough of them from distinct readers hold it.</summary>
public sealed class CommentFlag
{
    public int Id { get; set; }
    public int CommentId { get; set; }

    /// <summary>Who flagged: <see cref="Comments.Reader.VoterKey"/>, "u:{id}" for an account, "g:{hash}" for a guest cookie (as votes key readers).</summary>
    public required string ReaderKey { get; set; }

    /// <summary>Keyed hash of the flagger's IP: a guest who clears cookies is still the same flagger from the same address.</summary>
    public string? IpHash { get; set; }
    public FlagReason Reason { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Set when a moderator has dealt with the comment, so old flags stop counting towards holding it again.</summary>
    public DateTime? ResolvedAt { get; set; }
}
