using Gazette.Core.Threads;

namespace Gazette.Tests.Core;

public sealed class ThreadBuilderTests
{
    private sealed record Row(int Id, int? ParentId, bool Removed = false);

    private static List<ThreadNode<Row>> Build(params Row[] rows) =>
        ThreadBuilder.Build(rows, r => r.Id, r => r.ParentId, r => r.Removed);

    private static string Outline(IEnumerable<ThreadNode<Row>> nodes) =>
        string.Join(" ", nodes.Select(n => n.Replies.Count == 0 ? $"{n.Item.Id}" : $"{n.Item.Id}({Outline(n.Replies)})"));

    [Fact]
    public void RepliesNestUnderTheirParentsInInputOrder()
    {
        var tree = Build(new(1, null), new(2, 1), new(3, null), new(4, 2), new(5, 1), new(6, 3));

        Assert.Equal("1(2(4) 5) 3(6)", Outline(tree));
    }

    [Fact]
    public void ReplyListedBeforeItsParentStillFindsIt()
    {
        var tree = Build(new(4, 2), new(1, null), new(2, 1));

        Assert.Equal("1(2(4))", Outline(tree));
    }

    [Fact]
    public void DepthCountsLevelsFromTheTop()
    {
        var tree = Build(new(1, null), new(2, 1), new(3, 2), new(4, 3));

        Assert.Equal([0, 1, 2, 3], new[] { tree[0], tree[0].Replies[0], tree[0].Replies[0].Replies[0], tree[0].Replies[0].Replies[0].Replies[0] }.Select(n => n.Depth));
    }

    [Fact]
    public void DescendantCountIsEveryReplyBelow()
    {
        var tree = Build(new(1, null), new(2, 1), new(3, 2), new(4, 1), new(5, null));

        Assert.Equal(3, tree[0].DescendantCount);
        Assert.Equal(1, tree[0].Replies[0].DescendantCount);
        Assert.Equal(0, tree[1].DescendantCount);
    }

    [Fact]
    public void DeletedCommentWithRepliesLeavesPlaceholder()
    {
        var tree = Build(new(1, null, Removed: true), new(2, 1));

        Assert.True(tree[0].IsPlaceholder);
        Assert.Equal("1(2)", Outline(tree));
    }

    [Fact]
    public void DeletedCommentWithoutRepliesDisappears()
    {
        var tree = Build(new(1, null), new(2, 1, Removed: true), new(3, null, Removed: true));

        Assert.Equal("1", Outline(tree));
        Assert.Equal(0, tree[0].DescendantCount);
    }

    [Fact]
    public void ChainOfDeletedCommentsEndingInNothingVisibleDisappearsWhole()
    {
        var tree = Build(new(1, null), new(2, 1, Removed: true), new(3, 2, Removed: true), new(4, 3, Removed: true));

        Assert.Equal("1", Outline(tree));
    }

    [Fact]
    public void ChainOfDeletedCommentsAboveAVisibleReplyStays()
    {
        var tree = Build(new(1, null, Removed: true), new(2, 1, Removed: true), new(3, 2));

        Assert.Equal("1(2(3))", Outline(tree));
        Assert.Equal(2, tree[0].DescendantCount);
    }

    [Fact]
    public void ReplyWhoseParentIsNotShownIsLeftOutNotPromoted()
    {
        var tree = Build(new(1, null), new(3, 2), new(4, 3));

        Assert.Equal("1", Outline(tree));
    }

    [Fact]
    public void VeryDeepChainDoesNotOverflowTheStack()
    {
        const int depth = 200_000;
        var rows = Enumerable.Range(1, depth).Select(i => new Row(i, i == 1 ? null : i - 1)).ToArray();

        var tree = Build(rows);

        Assert.Equal(depth - 1, tree[0].DescendantCount);
    }
}
