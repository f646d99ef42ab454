using Gazette.Core.Threads;

namespace Gazette.Tests.Core;

/// <summary>
/// Issue 11: what a page shows of its threads within a budget of comments. Threads are written as outlines, "+N" for
/// the replies a comment has that the page leaves to a page of their own ("N more replies").
/// </summary>
public sealed class CommentBudgetTests
{
    private sealed record Row(int Id, int? ParentId, bool Removed = false)
    {
        public int ReplyCount { get; init; }
    }

    /// <summary>
    /// The page a site would show of these rows (a whole discussion; the ones without a parent on top): the levels
    /// read as the site reads them, each parent's first replies, then the tree built from what was read.
    /// </summary>
    private static async Task<(string Outline, int Read)> PageAsync(int budget, int levels, params Row[] all)
    {
        var replies = all.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!.Value);
        var counted = all.Select(r => r with { ReplyCount = replies[r.Id].Count() }).ToDictionary(r => r.Id);
        var top = counted.Values.Where(r => r.ParentId is null).ToList();
        var read = 0;
        var rows = await CommentBudget.SelectAsync(top, budget, levels, r => r.ReplyCount, (shares, _) =>
        {
            IReadOnlyList<Row> level = shares.SelectMany(s => replies[s.Parent.Id].Take(s.Take).Select(r => counted[r.Id])).ToList();
            read += level.Count;
            return Task.FromResult(level);
        }, TestContext.Current.CancellationToken);
        var tree = ThreadBuilder.Build(rows, r => r.Id, r => r.ParentId, r => r.Removed, r => r.ReplyCount);
        return (Outline(tree), read);
    }

    private static string Outline(IEnumerable<ThreadNode<Row>> nodes) => string.Join(" ", nodes.Select(n =>
    {
        var inside = string.Join(" ", new[] { Outline(n.Replies), n.RepliesElsewhere > 0 ? $"+{n.RepliesElsewhere}" : "" }.Where(s => s.Length > 0));
        return inside.Length == 0 ? $"{n.Item.Id}" : $"{n.Item.Id}({inside})";
    }));

    /// <summary>Comment <paramref name="parent"/>'s replies, numbered from <paramref name="first"/>.</summary>
    private static IEnumerable<Row> Replies(int parent, int first, int count) => Enumerable.Range(first, count).Select(id => new Row(id, parent));

    [Fact]
    public async Task AThreadWithinTheBudgetIsShownWhole()
    {
        var (outline, _) = await PageAsync(10, 4, new(1, null), new(2, 1), new(3, null), new(4, 2), new(5, 1), new(6, 3));

        Assert.Equal("1(2(4) 5) 3(6)", outline);
    }

    [Fact]
    public async Task OneCommentWithManyRepliesShowsItsFirstAndCountsTheRest()
    {
        var (outline, read) = await PageAsync(5, 4, [new(1, null), .. Replies(1, 100, 20)]);

        Assert.Equal("1(100 101 102 103 +16)", outline);
        Assert.Equal(4, read); // the other 16 are counted, never read
    }

    [Fact]
    public async Task TopCommentsAreShownEvenWhenTheyTakeTheWholeBudget()
    {
        var (outline, read) = await PageAsync(3, 4, [new(1, null), new(2, null), new(3, null), .. Replies(1, 10, 2), .. Replies(3, 20, 1)]);

        Assert.Equal("1(+2) 2 3(+1)", outline);
        Assert.Equal(0, read);
    }

    [Fact]
    public async Task ALevelIsSharedEvenlyAndTheFirstCommentsTakeWhatDoesNotDivide()
    {
        // Six replies left to share among comments with 5, 1 and 5 replies: 1 takes its one, 3 and 2 remain for the others.
        var (outline, _) = await PageAsync(9, 4, [new(1, null), new(2, null), new(3, null), .. Replies(1, 10, 5), .. Replies(2, 20, 1), .. Replies(3, 30, 5)]);

        Assert.Equal("1(10 11 12 +2) 2(20) 3(30 31 +3)", outline);
    }

    [Fact]
    public async Task DeeperLevelsShareWhatTheLevelsAboveLeft()
    {
        // 1 and its two replies take 3 of 6; the three left go to the next level: 11's one reply, and two of 10's.
        var (outline, _) = await PageAsync(6, 4,
            [new(1, null), .. Replies(1, 10, 2), .. Replies(10, 100, 4), .. Replies(11, 110, 1), .. Replies(100, 1000, 1)]);

        Assert.Equal("1(10(100(+1) 101 +2) 11(110))", outline);
    }

    [Fact]
    public async Task RepliesBelowTheLastLevelAreCountedNotRead()
    {
        var (outline, read) = await PageAsync(100, 2, new(1, null), new(2, 1), new(3, 2), new(4, 3), new(5, 3));

        Assert.Equal("1(2(3(+2)))", outline);
        Assert.Equal(2, read);
    }

    [Fact]
    public async Task ARemovedCommentWhoseRepliesAreAllCutStaysAsAPlaceholderForThem()
    {
        var (outline, _) = await PageAsync(2, 4, [new(1, null), new(2, 1, Removed: true), .. Replies(2, 10, 3)]);

        Assert.Equal("1(2(+3))", outline);
    }

    [Fact]
    public async Task AChainAThousandDeepIsCutAtTheLastLevelNotByTheBudget()
    {
        var chain = Enumerable.Range(1, 1000).Select(i => new Row(i, i == 1 ? null : i - 1)).ToArray();

        var (outline, read) = await PageAsync(200, 4, chain);

        Assert.Equal("1(2(3(4(5(+1)))))", outline);
        Assert.Equal(4, read);
    }

    [Fact]
    public async Task NoPageReadsMoreThanItsBudget()
    {
        // Wide and deep: every comment has 30 replies, four levels down (27,931 comments in all).
        var rows = new List<Row> { new(1, null) };
        var level = new List<int> { 1 };
        for (var depth = 1; depth <= 3; depth++)
        {
            var next = new List<int>();
            foreach (var parent in level)
            {
                var replies = Replies(parent, rows.Count + 1, 30).ToList();
                rows.AddRange(replies);
                next.AddRange(replies.Select(r => r.Id));
            }
            level = next;
        }

        var (_, read) = await PageAsync(200, 4, [.. rows]);

        Assert.Equal(199, read);
    }

    [Theory]
    [InlineData(new[] { 5, 1, 5 }, 6, new[] { 3, 1, 2 })]
    [InlineData(new[] { 5, 1, 5 }, 100, new[] { 5, 1, 5 })]
    [InlineData(new[] { 10, 10, 10 }, 2, new[] { 1, 1, 0 })]
    [InlineData(new[] { 0, 7, 0, 2 }, 5, new[] { 0, 3, 0, 2 })]
    [InlineData(new[] { 3, 4, 4 }, 10, new[] { 3, 4, 3 })]
    [InlineData(new[] { 20_000 }, 199, new[] { 199 })]
    [InlineData(new int[0], 5, new int[0])]
    [InlineData(new[] { 4, 4 }, 0, new[] { 0, 0 })]
    public void ShareGivesEveryCommentTheSameShareUnlessItHasFewerReplies(int[] replyCounts, int budget, int[] expected)
    {
        Assert.Equal(expected, CommentBudget.Share(replyCounts, budget));
    }
}
