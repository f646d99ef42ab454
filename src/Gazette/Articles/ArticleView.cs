namespace Gazette.Articles;

public sealed record TagLink(string Slug, string Name);

/// <summary>What the article page shows of the article itself.</summary>
public sealed record ArticleView(
    int Id,
    string Slug,
    string Title,
    string Excerpt,
    string BodyHtml,
    DateTime PublishedAt,
    DateTime UpdatedAt,
    string AuthorName,
    string AuthorSlug,
    int? CategoryId,
    string? CategoryName,
    string? CategorySlug,
    int CommentCount,
    bool CommentsClosed,
    ImageView? Image,
    List<TagLink> Tags);
