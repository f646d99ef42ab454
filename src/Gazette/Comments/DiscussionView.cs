namespace Gazette.Comments;

/// <summary>What the discussion section of an article page is drawn from.</summary>
public sealed record DiscussionView(string ArticleSlug, int CommentCount, ThreadPage Thread, int MaxDisplayDepth)
{
    public string PageHref(int page) =>
        page <= 1 ? $"/articles/{ArticleSlug}#comments" : $"/articles/{ArticleSlug}?page={page}#comments";
}
