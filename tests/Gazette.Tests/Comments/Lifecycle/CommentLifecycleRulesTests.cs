using Gazette.Comments;

namespace Gazette.Tests.Comments.Lifecycle;

/// <summary>The rules <see cref="CommentLifecycle"/> holds for everything that writes comments, on their own.</summary>
public sealed class CommentLifecycleRulesTests
{
    [Fact]
    public void ATopLevelCommentHasNoParentNoRootAndDepthZero()
    {
        var comment = new Comment { ParentId = 9, RootId = 9, Depth = 3 };

        CommentLifecycle.Place(comment, null);

        Assert.Equal((null, null, 0), (comment.ParentId, comment.RootId, comment.Depth));
    }

    [Fact]
    public void APingbackSaysWhereItComesFromWithALinkThatPassesNoRankAndOnlyToAWebAddress()
    {
        var ping = new Comment { Kind = CommentKind.Pingback, AuthorUrl = "https://blog.example/fold-roundup/?a=1&b=<2>" };
        var trackback = new Comment { Kind = CommentKind.Trackback, AuthorUrl = "javascript:alert(1)" };
        var comment = new Comment { AuthorUrl = "https://reader.example/" };

        CommentLifecycle.SetBody(ping, "[…] the hinge held […]");
        CommentLifecycle.SetBody(trackback, "Cited.");
        CommentLifecycle.SetBody(comment, "Mine.");

        Assert.StartsWith(
            "<p class=\"comment-source\">Pingback from <a href=\"https://blog.example/fold-roundup/?a=1&amp;b=%3C2%3E\" rel=\"nofollow ugc noopener\">blog.example/fold-roundup/</a></p><p>",
            ping.BodyHtml);
        Assert.Equal("[…] the hinge held […]", ping.Body);
        Assert.StartsWith("<p class=\"comment-source\">Trackback</p>", trackback.BodyHtml);
        Assert.DoesNotContain("javascript", trackback.BodyHtml);
        Assert.Equal("<p>Mine.</p>", comment.BodyHtml);
    }

    [Fact]
    public void AReplyToASavedCommentSitsUnderItsParentAndItsParentsRoot()
    {
        var top = new Comment { Id = 10 };
        var reply = new Comment { Id = 11, ParentId = 10, RootId = 10, Depth = 1 };
        var (first, second) = (new Comment(), new Comment());

        CommentLifecycle.Place(first, top);
        CommentLifecycle.Place(second, reply);

        Assert.Equal((10, 10, 1), (first.ParentId, first.RootId, first.Depth));
        Assert.Equal((11, 10, 2), (second.ParentId, second.RootId, second.Depth));
    }

    [Fact]
    public void AThreadMadeInMemoryIsLinkedByItsNavigationsSoItsIdsComeWhenSaved()
    {
        var top = new Comment();
        var reply = new Comment();
        var deeper = new Comment();

        CommentLifecycle.Place(top, null);
        CommentLifecycle.Place(reply, top);
        CommentLifecycle.Place(deeper, reply);

        Assert.Same(top, reply.Parent);
        Assert.Same(top, reply.Root);
        Assert.Same(reply, deeper.Parent);
        Assert.Same(top, deeper.Root);
        Assert.Equal((0, 1, 2), (top.Depth, reply.Depth, deeper.Depth));
    }

    [Fact]
    public void AReplyMadeInMemoryUnderASavedThreadKeepsTheSavedRootsId()
    {
        var reply = new Comment { Id = 0, ParentId = 4, RootId = 4, Depth = 1 };
        var deeper = new Comment();

        CommentLifecycle.Place(deeper, reply);

        Assert.Same(reply, deeper.Parent);
        Assert.Null(deeper.Root);
        Assert.Equal((4, 2), (deeper.RootId, deeper.Depth));
    }

    [Fact]
    public void TheBodyIsKeptAsTypedAndItsHtmlMadeOnce()
    {
        var comment = new Comment();

        CommentLifecycle.SetBody(comment, "<b>bold</b> & *fine*");

        Assert.Equal("<b>bold</b> & *fine*", comment.Body);
        Assert.DoesNotContain("<b>", comment.BodyHtml);
        Assert.Contains("&amp;", comment.BodyHtml);
    }

    [Theory]
    [InlineData(CommentStatus.Approved, true, true)]
    [InlineData(CommentStatus.Deleted, true, false)]
    [InlineData(CommentStatus.Pending, false, false)]
    [InlineData(CommentStatus.Spam, false, false)]
    [InlineData(CommentStatus.Trashed, false, false)]
    public void OnlyAPublishedCommentCountsAndADeletedOneIsShownAsAPlaceholder(CommentStatus status, bool shown, bool visible)
    {
        Assert.Equal(shown, CommentLifecycle.IsShown(status));
        Assert.Equal(visible, CommentLifecycle.IsVisible(status));
        Assert.Equal(shown, CommentLifecycle.ShownInThread.Compile()(new Comment { Status = status }));
        Assert.Equal(visible, CommentLifecycle.Counted.Compile()(new Comment { Status = status }));
    }

    [Theory]
    [InlineData(CommentStatus.Approved, CommentStatus.Deleted, CommentMover.Author, true)]
    [InlineData(CommentStatus.Pending, CommentStatus.Deleted, CommentMover.Author, true)]
    [InlineData(CommentStatus.Approved, CommentStatus.Pending, CommentMover.Author, true)]
    [InlineData(CommentStatus.Spam, CommentStatus.Pending, CommentMover.Author, false)]
    [InlineData(CommentStatus.Pending, CommentStatus.Approved, CommentMover.Author, false)]
    [InlineData(CommentStatus.Approved, CommentStatus.Pending, CommentMover.Readers, true)]
    [InlineData(CommentStatus.Pending, CommentStatus.Pending, CommentMover.Readers, false)]
    [InlineData(CommentStatus.Spam, CommentStatus.Pending, CommentMover.Readers, false)]
    [InlineData(CommentStatus.Pending, CommentStatus.Approved, CommentMover.Moderator, true)]
    [InlineData(CommentStatus.Approved, CommentStatus.Trashed, CommentMover.Moderator, true)]
    [InlineData(CommentStatus.Spam, CommentStatus.Pending, CommentMover.Moderator, true)]
    [InlineData(CommentStatus.Approved, CommentStatus.Approved, CommentMover.Moderator, false)]
    [InlineData(CommentStatus.Approved, CommentStatus.Deleted, CommentMover.Moderator, false)]
    [InlineData(CommentStatus.Deleted, CommentStatus.Approved, CommentMover.Moderator, false)]
    [InlineData(CommentStatus.Deleted, CommentStatus.Pending, CommentMover.Readers, false)]
    public void EachMoverHasItsOwnMovesAndADeletedCommentStaysDeleted(CommentStatus from, CommentStatus to, CommentMover who, bool allowed) =>
        Assert.Equal(allowed, CommentLifecycle.MayMove(from, to, who));

    [Fact]
    public void TheCountFollowsOnlyMovesIntoAndOutOfPublished()
    {
        Assert.Equal(1, CommentLifecycle.CountChange(CommentStatus.Approved));
        Assert.Equal(0, CommentLifecycle.CountChange(CommentStatus.Pending));
        Assert.Equal(1, CommentLifecycle.CountChange(CommentStatus.Pending, CommentStatus.Approved));
        Assert.Equal(-1, CommentLifecycle.CountChange(CommentStatus.Approved, CommentStatus.Deleted));
        Assert.Equal(0, CommentLifecycle.CountChange(CommentStatus.Spam, CommentStatus.Trashed));
        var counts = new Dictionary<int, int>();
        CommentLifecycle.Tally(counts, 7, CommentStatus.Approved, CommentStatus.Spam);
        CommentLifecycle.Tally(counts, 7, CommentStatus.Pending, CommentStatus.Approved);
        CommentLifecycle.Tally(counts, 8, CommentStatus.Pending, CommentStatus.Approved);
        Assert.Equal(new Dictionary<int, int> { [7] = 0, [8] = 1 }, counts);
    }

    [Fact]
    public void TheEditWindowIncludesItsLastMinute()
    {
        var rules = new DiscussionOptions { EditWindowMinutes = 15 };
        var at = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

        Assert.True(CommentLifecycle.InEditWindow(at, at.AddMinutes(15), rules));
        Assert.False(CommentLifecycle.InEditWindow(at, at.AddMinutes(15).AddTicks(1), rules));
        Assert.Equal("Comments can be edited for 15 minutes after posting; that time has passed.", CommentLifecycle.EditWindowPassed(rules));
    }

    [Fact]
    public void AThreadIsDrawnInPlaceToItsLastLevelAndRepliesBelowContinueOnTheirOwnPage()
    {
        var rules = new DiscussionOptions { MaxDisplayDepth = 5 };

        Assert.Equal(4, CommentLifecycle.LastDrawnLevel(rules));
        Assert.True(CommentLifecycle.IsDrawnInPlace(4, rules));
        Assert.False(CommentLifecycle.IsDrawnInPlace(5, rules));
        Assert.True(CommentLifecycle.ContinuesElsewhere(4, replyCount: 1, rules));
        Assert.False(CommentLifecycle.ContinuesElsewhere(4, replyCount: 0, rules));
        Assert.False(CommentLifecycle.ContinuesElsewhere(3, replyCount: 7, rules));
    }
}
