namespace Gazette.Comments;

/// <summary>A comment's text before an edit, kept for moderators.</summary>
public sealed class CommentRevision
{
    public int Id { get; set; }
    public int CommentId { get; set; }
    public string Body { get; set; } = "";

    /// <summary>When this text was replaced.</summary>
    public DateTime ReplacedAt { get; set; }
}
