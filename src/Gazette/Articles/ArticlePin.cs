namespace Gazette.Articles;

public enum PinKind
{
    /// <summary>Shown first among the article's related articles.</summary>
    Related = 0,

    /// <summary>Shown first in the "news of the week" block on the article's page.</summary>
    NewsOfTheWeek = 1,
}

/// <summary>An editor's choice that overrides what Gazette computes for one article's page, in the order given.</summary>
public sealed class ArticlePin
{
    public int ArticleId { get; set; }
    public PinKind Kind { get; set; }
    public int Position { get; set; }
    public int PinnedArticleId { get; set; }
}
