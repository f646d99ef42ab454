namespace Gazette.Comments;

/// <summary>The orders a discussion can be read in; the choice travels in the URL as ?sort=.</summary>
public enum CommentSort
{
    Oldest,
    Newest,
    Best,
}

public static class CommentSorts
{
    public static CommentSort Parse(string? value) => value?.ToLowerInvariant() switch
    {
        "newest" => CommentSort.Newest,
        "best" => CommentSort.Best,
        _ => CommentSort.Oldest,
    };

    public static string? QueryValue(this CommentSort sort) => sort == CommentSort.Oldest ? null : sort.ToString().ToLowerInvariant();

    /// <summary>Every level of the thread is read in the same order; ties fall back to the oldest first.</summary>
    public static IOrderedQueryable<Comment> InOrder(this IQueryable<Comment> comments, CommentSort sort) => sort switch
    {
        CommentSort.Newest => comments.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        CommentSort.Best => comments.OrderByDescending(c => c.Rank).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id),
        _ => comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
    };
}
