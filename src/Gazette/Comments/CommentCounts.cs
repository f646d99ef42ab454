using System.Globalization;

namespace Gazette.Comments;

public static class CommentCounts
{
    public static string Label(int count) => count switch
    {
        0 => "No comments",
        1 => "1 comment",
        _ => count.ToString("N0", CultureInfo.InvariantCulture) + " comments",
    };

    public static string Replies(int count) => count == 1 ? "1 reply" : count.ToString("N0", CultureInfo.InvariantCulture) + " replies";
}
