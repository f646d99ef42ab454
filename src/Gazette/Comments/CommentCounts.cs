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
}
