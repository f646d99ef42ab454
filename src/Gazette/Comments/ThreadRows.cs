namespace Gazette.Comments;

/// <summary>
/// What <see cref="ThreadQuery"/> would ask the database for each row of whole threads, worked out from the rows: which
/// are in the thread (<c>InThread</c>: a removed reply only while it has a shown reply) and how many replies each has
/// (<c>WithReplyCount</c>). The rows must hold every shown comment of the threads down to one level below the page's last.
/// </summary>
public static class ThreadRows
{
    /// <param name="read">Every shown comment of the threads with <see cref="CommentView.Depth"/> up to <paramref name="maxDisplayDepth"/>, in the page's order.</param>
    /// <returns>
    /// The rows above <paramref name="maxDisplayDepth"/> that are in the thread, in the same order, and each one's count of
    /// replies in the thread; null when a removed comment at <paramref name="maxDisplayDepth"/> leaves its parent's count
    /// unknown (whether it counts depends on replies that were not read).
    /// </returns>
    public static (List<CommentView> Rows, Dictionary<int, int> ReplyCounts)? Shape(IReadOnlyList<CommentView> read, int maxDisplayDepth)
    {
        var hasReplies = new HashSet<int>();
        foreach (var row in read)
        {
            if (row.ParentId is { } parent)
            {
                hasReplies.Add(parent);
            }
        }
        var rows = new List<CommentView>(read.Count);
        var replyCounts = new Dictionary<int, int>();
        foreach (var row in read)
        {
            if (row.Depth >= maxDisplayDepth && row.IsRemoved)
            {
                return null;
            }
            if (row.ParentId is { } parent && (!row.IsRemoved || hasReplies.Contains(row.Id)))
            {
                replyCounts[parent] = replyCounts.GetValueOrDefault(parent) + 1;
            }
            if (row.Depth < maxDisplayDepth && (row.ParentId is null || !row.IsRemoved || hasReplies.Contains(row.Id)))
            {
                rows.Add(row);
            }
        }
        return (rows, replyCounts);
    }
}
