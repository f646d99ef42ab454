namespace Gazette.Core.Threads;

/// <summary>
/// Builds comment trees from the flat rows of one query (an adjacency list), in linear time.
/// The thread's policies live here and nowhere else:
/// <list type="bullet">
/// <item>siblings keep the order of the input, so the query decides the sort (oldest, newest, best);</item>
/// <item>a removed comment (<c>isRemoved</c>) stays as a placeholder only while it has replies left to show,
/// so that the replies keep their place; otherwise it disappears;</item>
/// <item>a comment whose parent is not among the rows (hidden by moderation, or outside the page)
/// cannot be placed and is left out with its replies, never promoted to the top level.</item>
/// </list>
/// </summary>
public static class ThreadBuilder
{
    public static List<ThreadNode<T>> Build<T>(
        IReadOnlyList<T> rows,
        Func<T, int> id,
        Func<T, int?> parentId,
        Func<T, bool> isRemoved)
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
            node.Replies.RemoveAll(reply => reply.IsPlaceholder && reply.Replies.Count == 0);
            var count = 0;
            foreach (var reply in node.Replies)
            {
                count += 1 + reply.DescendantCount;
            }
            node.DescendantCount = count;
        }
        roots.RemoveAll(root => root.IsPlaceholder && root.Replies.Count == 0);
        return roots;
    }
}
