using Gazette.Comments;

namespace Gazette.Moderation;

/// <summary>Comment statuses in words: short ones for moderators' badges.</summary>
public static class StatusWords
{
    public static string Badge(CommentStatus status) => status switch
    {
        CommentStatus.Approved => "Published",
        CommentStatus.Pending => "Awaiting moderation",
        CommentStatus.Spam => "Spam",
        CommentStatus.Trashed => "Trashed",
        _ => "Deleted by its author",
    };

    public static string CssClass(CommentStatus status) => $"status-{status.ToString().ToLowerInvariant()}";
}
