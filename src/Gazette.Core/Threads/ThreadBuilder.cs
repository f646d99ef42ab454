namespace Gazette.Core.Threads;

/// <summary>
/// Builds comment trees from the flat rows of one query (an adjacency list), in linear time.
/// The thread's policies live here and nowhere else:
/// <list type="bullet">
/// <item>siblings keep the order of the input, so the query decides the sort (oldest, newest, best);</item>
/// <item>a removed comment (<c>isRemoved</c>) stays as a placeholder only while it has replies left to show, here or
/// on a page of their own, so that the replies keep their place; otherwise it disappears;</item>
/// <item>a comment whose parent is not among the rows (hidden by moderation, or outside the page)
/// cannot be placed and is left out with its replies, never promoted to the top level.</item>
/// </list>
/// </summary>
public static class ThreadBuilder
{
    /// <param name="replyCount">
    /// How many replies each row has in all, when the rows may not hold them all (a page cut by the
    /// <see cref="CommentBudget"/>): sets <see cref="ThreadNode{T}.RepliesElsewhere"/>. Without it, the rows hold every reply.
    /// </param>
    public static List<ThreadNode<T>> Build<T>(
        IReadOnlyList<T> rows,
        Func<T, int> id,
        Func<T, int?> parentId,
        Func<T, bool> isRemoved,
        Func<T, int>? replyCount = null)
    {
        var nodes = new Dictionary<int, ThreadNode<T>>(rows.Count);
        foreach (var row in rows)
        {
            nodes[id(row)] = new ThreadNode<T>(row, isRemoved(row));
        }

        var roots = new List<ThreadNode<T>>();
        foreach (var row in rows)
        {
            var node = nodes[id(row)];
            var parent = parentId(row);
            if (parent is null)
            {
                roots.Add(node);
            }
            else if (nodes.TryGetValue(parent.Value, out var parentNode) && !ReferenceEquals(parentNode, node))
            {
                parentNode.Replies.Add(node);
            }
        }
        if (replyCount is not null)
        {
            // Counted before placeholders go: a reply read here, even one that disappears, is not left for elsewhere.
            foreach (var node in nodes.Values)
            {
                node.ReplyCount = replyCount(node.Item);
                node.RepliesElsewhere = Math.Max(0, node.ReplyCount - node.Replies.Count);
            }
        }

        // Depth-first order without recursion: a chain of thousands of replies must not overflow the stack.
        var order = new List<ThreadNode<T>>(rows.Count);
        var stack = new Stack<ThreadNode<T>>();
        for (var i = roots.Count - 1; i >= 0; i--)
        {
            stack.Push(roots[i]);
        }
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            order.Add(node);
            for (var i = node.Replies.Count - 1; i >= 0; i--)
            {
                node.Replies[i].Depth = node.Depth + 1;
                stack.Push(node.Replies[i]);
            }
        }

        // Children come after their parents in 'order', so walking it backwards settles every subtree first.
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            node.Replies.RemoveAll(IsEmptyPlaceholder);
            if (replyCount is null)
            {
                node.ReplyCount = node.Replies.Count;
            }
            var count = 0;
            foreach (var reply in node.Replies)
            {
                count += 1 + reply.DescendantCount;
            }
            node.DescendantCount = count;
        }
        roots.RemoveAll(IsEmptyPlaceholder);
        return roots;

        static bool IsEmptyPlaceholder(ThreadNode<T> node) => node.IsPlaceholder && node.Replies.Count == 0 && node.RepliesElsewhere == 0;
    }

    /// <summary>Every node of the trees in reading order (depth first, replies in their order), without recursion.</summary>
    public static IEnumerable<ThreadNode<T>> InReadingOrder<T>(IEnumerable<ThreadNode<T>> roots)
    {
        var stack = new Stack<ThreadNode<T>>(roots.Reverse());
        while (stack.TryPop(out var node))
        {
            yield return node;
            for (var i = node.Replies.Count - 1; i >= 0; i--)
            {
                stack.Push(node.Replies[i]);
            }
        }
    }
}
