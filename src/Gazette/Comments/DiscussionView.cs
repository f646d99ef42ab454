using Gazette.Core.Threads;

namespace Gazette.Comments;

/// <summary>
/// What the discussion section of an article page is drawn from. <paramref name="LiveAfter"/> is the last live event
/// the page was rendered with (null: live updates are off): the page connects from there (docs/live.md).
/// </summary>
public sealed record DiscussionView(string ArticleSlug, int CommentCount, ThreadPage Thread, bool Closed, ThreadView Comments, long? LiveAfter = null)
{
    /// <summary>The discussion's live stream, for discussion.js; null when live updates are off.</summary>
    public string? LiveHref => LiveAfter is null ? null : $"/live/articles/{ArticleSlug}";

    /// <summary>The discussion's RSS feed (Feeds/FeedsEndpoints), advertised in the page's head and beside the count.</summary>
    public static string FeedHref(string articleSlug) => $"/articles/{articleSlug}/comments/feed";

    public string PageHref(int page) => Href(page, Thread.Sort) + "#comments";

    public string SortHref(CommentSort sort) => Href(1, sort) + "#comments";

    private string Href(int page, CommentSort sort) => Href(ArticleSlug, page, sort);

    /// <summary>An article page of the discussion: page 1 and the default order leave the query out.</summary>
    public static string Href(string articleSlug, int page, CommentSort sort)
    {
        var query = new List<string>();
        if (page > 1)
        {
            query.Add($"page={page}");
        }
        if (sort.QueryValue() is { } value)
        {
            query.Add($"sort={value}");
        }
        return $"/articles/{articleSlug}" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }
}

/// <summary>
/// Comments to draw as nested lists, and what the reader may do with each. <see cref="Reader"/> is null on pages
/// that may be cached for everyone (a reader who never wrote or voted here): they show no personal actions.
/// A comment is drawn at display level <c>node.Depth - DepthOffset</c>; <see cref="Window"/> says where the replies shown
/// under the top comment of a page of replies start.
/// </summary>
public sealed record ThreadView(
    IReadOnlyList<ThreadNode<CommentView>> Nodes,
    int? FirstNumber,
    string ArticleSlug,
    bool Closed,
    Reader? Reader,
    DateTime Now,
    DiscussionOptions Options,
    int DepthOffset = 0,
    IReadOnlyDictionary<int, int>? MyVotes = null,
    CommentSort Sort = CommentSort.Oldest,
    RepliesFrom? Window = null,
    bool Staff = false,
    Gazette.Core.Text.MentionNames? Mentions = null,
    Profiles.Speakers? People = null)
{
    /// <summary>Who wrote a comment: badge, picture and profile, the same for every reader.</summary>
    public Profiles.Speaker Speaker(CommentView comment) => (People ?? Profiles.Speakers.Unread).Of(comment);

    /// <summary>A comment's text as shown: "@Name" of someone in the discussion links to their latest comment there.</summary>
    public string BodyHtml(CommentView comment) => Mentions?.Link(comment.BodyHtml, id => $"/comments/{id}") ?? comment.BodyHtml;

    /// <summary>
    /// A comment's parent: in place on a thread, through its permalink where comments stand alone (the editors' picks).
    /// </summary>
    public string ParentHref(int parentId) => Sort == CommentSort.Picks ? $"/comments/{parentId}" : $"#comment-{parentId}";

    /// <summary>Staff (moderators and above, whose pages are never cached) feature and unfeature comments from the thread.</summary>
    public string PickHref(CommentView comment) => $"/admin/moderation/comments/{comment.Id}/pick";

    /// <summary>
    /// Replying keeps the reader's sort order: the form, then the permalink, carry it. A reply from the editors' picks
    /// lands in the thread (the picks would not show it).
    /// </summary>
    public string ReplyHref(CommentView comment) =>
        $"/articles/{ArticleSlug}/comment?replyTo={comment.Id}" + (Sort != CommentSort.Picks && Sort.QueryValue() is { } sort ? $"&sort={sort}" : "");

    /// <summary>This reader's vote on a comment (1 or -1), shown so that the arrows start pressed; 0 when none.</summary>
    public int MyVote(CommentView comment) => MyVotes is not null && MyVotes.TryGetValue(comment.Id, out var value) ? value : 0;

    public bool Owns(CommentView comment) => Reader?.Wrote(comment.UserId, comment.GuestKeyHash) == true;

    public bool CanEdit(CommentView comment) => Owns(comment) && CommentLifecycle.InEditWindow(comment.CreatedAt, Now, Options);

    public int Level(ThreadNode<CommentView> node) => node.Depth - DepthOffset;

    /// <summary>Replies under a comment at the last displayed level continue on that comment's own page.</summary>
    public bool ContinuesElsewhere(ThreadNode<CommentView> node) => CommentLifecycle.ContinuesElsewhere(Level(node), node.ReplyCount, Options);

    public string ContinueHref(ThreadNode<CommentView> node) => RepliesHref(node.Item.Id, 0, Sort);

    /// <summary>Replies the comment budget left out after those shown (none before the shown ones count).</summary>
    public int MoreReplies(ThreadNode<CommentView> node) => node.RepliesElsewhere - RepliesBefore(node);

    /// <summary>"N more replies": the page of this comment's replies that starts after those shown here.</summary>
    public string MoreRepliesHref(ThreadNode<CommentView> node) => RepliesHref(node.Item.Id, NextReply(node), Sort);

    /// <summary>The same replies drawn at this comment's level, for discussion.js to load them in place.</summary>
    public string MoreRepliesFragmentHref(ThreadNode<CommentView> node) => RepliesHref(node.Item.Id, NextReply(node), Sort, Level(node));

    /// <summary>Where the shown replies of a page of replies' top comment stand among all of its replies, for the page to say so.</summary>
    public (int First, int Last, int Of)? WindowOf(ThreadNode<CommentView> node)
    {
        var before = RepliesBefore(node);
        var shown = node.ReplyCount - node.RepliesElsewhere;
        return (before == 0 && MoreReplies(node) == 0) || shown == 0 ? null : (before + 1, before + shown, node.ReplyCount);
    }

    private int RepliesBefore(ThreadNode<CommentView> node) =>
        Window is { } window && window.CommentId == node.Item.Id ? Math.Min(window.From, node.ReplyCount) : 0;

    private int NextReply(ThreadNode<CommentView> node) => node.ReplyCount - MoreReplies(node);

    /// <summary>A comment's page of replies (<c>SubThread</c>): from its <paramref name="from"/>th reply, drawn at <paramref name="level"/>.</summary>
    public static string RepliesHref(int commentId, int from, CommentSort sort, int level = 0)
    {
        var query = new List<string>();
        if (from > 0)
        {
            query.Add($"from={from}");
        }
        if (sort.QueryValue() is { } value)
        {
            query.Add($"sort={value}");
        }
        if (level > 0)
        {
            query.Add($"level={level}");
        }
        return $"/comments/{commentId}/thread" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }
}

/// <summary>The replies of comment <paramref name="CommentId"/> shown on a page start at its <paramref name="From"/>th.</summary>
public sealed record RepliesFrom(int CommentId, int From);
