namespace Gazette.Core.Threads;

/// <summary>One comment placed in its thread, with the replies shown under it.</summary>
public sealed class ThreadNode<T>(T item, bool isPlaceholder)
{
    public T Item { get; } = item;

    /// <summary>0 for a top-level comment, 1 for a reply to it, and so on.</summary>
    public int Depth { get; internal set; }

    /// <summary>A removed comment kept only so that its replies keep their place.</summary>
    public bool IsPlaceholder { get; } = isPlaceholder;

    public List<ThreadNode<T>> Replies { get; } = [];

    /// <summary>All replies below this node, at any depth (what a collapsed thread hides).</summary>
    public int DescendantCount { get; internal set; }

    /// <summary>Every reply this comment has, shown here or not.</summary>
    public int ReplyCount { get; internal set; }

    /// <summary>
    /// Its replies that are not among the rows (left out by the <see cref="CommentBudget"/> or the display depth, or
    /// shown on an earlier page): a page of their own shows them.
    /// </summary>
    public int RepliesElsewhere { get; internal set; }
}
