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
    int Downvotes)
{
    public const string AnonymousName = "Anonymous";

    public string DisplayName => string.IsNullOrWhiteSpace(AuthorName) ? AnonymousName : AuthorName;

    public bool IsRemoved => Status == CommentStatus.Deleted;

    public int Score => Upvotes - Downvotes;
}
