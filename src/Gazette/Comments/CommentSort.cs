namespace Gazette.Comments;

/// <summary>The orders a discussion can be read in; the choice travels in the URL as ?sort=.</summary>
public enum CommentSort
{
    Oldest,
    Newest,

    /// <summary>"Readers' picks": the best scored first (the Wilson lower bound of the votes, <see cref="Comment.Rank"/>).</summary>
    Best,

    /// <summary>"Editors' picks": only the comments staff featured, newest pick first, each alone (its replies in the thread); replies below them read oldest first.</summary>
    Picks,
}

public static class CommentSorts
{
    public static CommentSort Parse(string? value) => value?.ToLowerInvariant() switch
    {
        "newest" => CommentSort.Newest,
        "best" => CommentSort.Best,
        "picks" => CommentSort.Picks,
        _ => CommentSort.Oldest,
    };

    /// <summary>What the sort is called on the page.</summary>
    public static string Label(this CommentSort sort) => sort switch
    {
        CommentSort.Best => "Readers’ picks",
        CommentSort.Picks => "Editors’ picks",
        _ => sort.ToString(),
    };

    public static string? QueryValue(this CommentSort sort) => sort == CommentSort.Oldest ? null : sort.ToString().ToLowerInvariant();

    /// <summary>Every level of the thread is read in the same order; ties fall back to the oldest first.</summary>
    /// <remarks><see cref="Before"/> follows the same order.</remarks>
    public static IOrderedQueryable<Comment> InOrder(this IQueryable<Comment> comments, CommentSort sort) => sort switch
    {
        CommentSort.Newest => comments.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        CommentSort.Best => comments.OrderByDescending(c => c.Rank).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id),
        _ => comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
    };

    /// <summary>
    /// The ids of a parent's replies (among <paramref name="replies"/>) from the <paramref name="skip"/>th, at most
    /// <paramref name="take"/>, in <see cref="InOrder"/>'s order: an ordered index scan that stops there.
    /// </summary>
    public static IQueryable<int> FirstRepliesOf(this IQueryable<Comment> replies, int parentId, CommentSort sort, int skip, int take) =>
        replies.Where(c => c.ParentId == parentId).InOrder(sort).Skip(skip).Take(take).Select(c => c.Id);

    /// <summary>The comments that come before <paramref name="anchor"/> in <see cref="InOrder"/>'s order.</summary>
    public static IQueryable<Comment> Before(this IQueryable<Comment> comments, CommentSort sort, (DateTime CreatedAt, int Id, double Rank) anchor) => sort switch
    {
        CommentSort.Newest => comments.Where(c => c.CreatedAt > anchor.CreatedAt || (c.CreatedAt == anchor.CreatedAt && c.Id > anchor.Id)),
        CommentSort.Best => comments.Where(c => c.Rank > anchor.Rank
            || (c.Rank == anchor.Rank && (c.CreatedAt < anchor.CreatedAt || (c.CreatedAt == anchor.CreatedAt && c.Id < anchor.Id)))),
        _ => comments.Where(c => c.CreatedAt < anchor.CreatedAt || (c.CreatedAt == anchor.CreatedAt && c.Id < anchor.Id)),
    };
}
