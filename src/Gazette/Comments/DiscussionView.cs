using Gazette.Core.Threads;

namespace Gazette.Comments;

/// <summary>What the discussion section of an article page is drawn from.</summary>
public sealed record DiscussionView(string ArticleSlug, int CommentCount, ThreadPage Thread, bool Closed, ThreadView Comments)
{
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
    CommentSort Sort = CommentSort.Oldest)
{
    /// <summary>Replying keeps the reader's sort order: the form, then the permalink, carry it.</summary>
    public string ReplyHref(CommentView comment) =>
        $"/articles/{ArticleSlug}/comment?replyTo={comment.Id}" + (Sort.QueryValue() is { } sort ? $"&sort={sort}" : "");

    /// <summary>This reader's vote on a comment (1 or -1), shown so that the arrows start pressed; 0 when none.</summary>
    public int MyVote(CommentView comment) => MyVotes is not null && MyVotes.TryGetValue(comment.Id, out var value) ? value : 0;

    public bool Owns(CommentView comment) => Reader?.Wrote(comment.UserId, comment.GuestKeyHash) == true;

    public bool CanEdit(CommentView comment) => Owns(comment) && Now <= comment.CreatedAt.AddMinutes(Options.EditWindowMinutes);

    /// <summary>Replies under a comment at the last displayed level continue on that comment's own page.</summary>
    public bool ContinuesElsewhere(ThreadNode<CommentView> node) =>
        node.Replies.Count > 0 && node.Depth - DepthOffset >= Options.MaxDisplayDepth - 1;
}
