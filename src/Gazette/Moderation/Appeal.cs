namespace Gazette.Moderation;

public enum AppealStatus
{
    Open = 0,

    /// <summary>The moderator agreed with the author: the decision was reversed.</summary>
    Upheld = 1,

    /// <summary>The decision stands.</summary>
    Rejected = 2,
}

/// <summary>An author's request to review a decision on their comment; it lands back in the moderation queue.</summary>
public sealed class Appeal
{
    public int Id { get; set; }
    public int CommentId { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
    public AppealStatus Status { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedByName { get; set; }
    public string? ResolutionNote { get; set; }
}
