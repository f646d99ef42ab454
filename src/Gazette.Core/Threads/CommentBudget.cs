namespace Gazette.Core.Threads;

/// <summary>
/// Which comments a page of a discussion shows, so that no thread's shape can make a page costly: at most a budget of
/// comments (issue 11: one comment with 20,000 replies made an 18 MB page).
/// <list type="bullet">
/// <item>the page's top comments are always shown (the caller keeps them within the budget);</item>
/// <item>then their replies, level by level, while budget is left: each level shares what is left evenly among the
/// comments shown above it, a comment with fewer replies than its share leaving the rest to the others, and the
/// first comments in reading order taking what does not divide evenly;</item>
/// <item>each comment shows its first replies in the page's order; those left out are counted by the caller
/// (<see cref="ThreadNode{T}.RepliesElsewhere"/>) for a "more replies" link to them.</item>
/// </list>
/// </summary>
public static class CommentBudget
{
    /// <summary>
    /// Walks the levels below <paramref name="top"/>, asking <paramref name="nextLevel"/> (a query) for each level's replies,
    /// so that a page never reads more comments than it shows. Returns the top rows and every level read, in that order.
    /// </summary>
    /// <param name="levels">How many levels of replies below the top rows may be shown.</param>
    /// <param name="replyCount">How many replies a row has that may be shown under it (those already shown elsewhere left out).</param>
    /// <param name="nextLevel">
    /// Given the parents of a level (in reading order) and how many of each one's first replies to show, those
    /// replies in reading order: grouped by parent in the parents' order, each group in the page's order.
    /// </param>
    public static async Task<List<T>> SelectAsync<T>(
        IReadOnlyList<T> top, int budget, int levels, Func<T, int> replyCount,
        Func<IReadOnlyList<ReplyShare<T>>, CancellationToken, Task<IReadOnlyList<T>>> nextLevel,
        CancellationToken cancellationToken = default)
    {
        var rows = new List<T>(top);
        var left = budget - top.Count;
        IReadOnlyList<T> level = top;
        for (var depth = 0; depth < levels && left > 0 && level.Count > 0; depth++)
        {
            var shares = Share(level.Select(replyCount).ToList(), left);
            var asked = new List<ReplyShare<T>>();
            for (var i = 0; i < level.Count; i++)
            {
                if (shares[i] > 0)
                {
                    asked.Add(new ReplyShare<T>(level[i], shares[i]));
                }
            }
            if (asked.Count == 0)
            {
                break;
            }
            level = await nextLevel(asked, cancellationToken);
            rows.AddRange(level);
            left -= level.Count;
        }
        return rows;
    }

    /// <summary>
    /// Shares <paramref name="budget"/> among comments that have <paramref name="replyCounts"/> replies each (in reading
    /// order): how many replies each shows. Everything when it fits; otherwise the same number w for every comment
    /// with more than w replies (and all of theirs for those with fewer), plus one for the first comments in reading
    /// order until nothing is left.
    /// </summary>
    public static int[] Share(IReadOnlyList<int> replyCounts, int budget)
    {
        var shares = new int[replyCounts.Count];
        long total = 0;
        foreach (var count in replyCounts)
        {
            total += Math.Max(0, count);
        }
        if (total <= budget)
        {
            for (var i = 0; i < shares.Length; i++)
            {
                shares[i] = Math.Max(0, replyCounts[i]);
            }
            return shares;
        }

        // Fill evenly from the smallest up: a comment whose replies all fit in an even share of what is left takes
        // them all; once the smallest left does not fit, every comment left gets the same even share.
        var ascending = replyCounts.Select(c => Math.Max(0, c)).Order().ToList();
        long left = Math.Max(0, budget);
        var even = 0;
        for (var k = 0; k < ascending.Count; k++)
        {
            var waiting = ascending.Count - k;
            if ((long)ascending[k] * waiting <= left)
            {
                left -= ascending[k];
                continue;
            }
            even = (int)(left / waiting);
            left -= (long)even * waiting;
            break;
        }
        for (var i = 0; i < shares.Length; i++)
        {
            var count = Math.Max(0, replyCounts[i]);
            shares[i] = Math.Min(count, even);
            if (count > even && left > 0)
            {
                shares[i]++;
                left--;
            }
        }
        return shares;
    }
}

/// <summary>A comment of one level of a page, and how many of its first replies the next level shows.</summary>
public readonly record struct ReplyShare<T>(T Parent, int Take);
