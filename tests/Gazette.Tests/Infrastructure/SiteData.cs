using Gazette.Articles;
using Gazette.Comments;
using Gazette.Core.Text;

namespace Gazette.Tests.Infrastructure;

/// <summary>Builds the articles and comments a test arranges, with the fields a real write would fill.</summary>
public static class SiteData
{
    public static Author Author(string name) => new() { Slug = Slug.From(name), Name = name };

    public static Category Category(string name) => new() { Slug = Slug.From(name), Name = name };

    public static Tag Tag(string name) => new() { Slug = Slug.From(name), Name = name };

    public static Article Article(
        string title, DateTime publishedAt, Author author, Category? category = null, IEnumerable<Tag>? tags = null,
        string body = "Some text.", ArticleStatus status = ArticleStatus.Published) => new()
    {
        Slug = Slug.From(title),
        Title = title,
        Excerpt = $"About {title}.",
        BodyMarkdown = body,
        BodyHtml = ArticleMarkdown.ToHtml(body),
        Author = author,
        Category = category,
        Tags = tags?.ToList() ?? [],
        Status = status,
        PublishedAt = publishedAt,
        UpdatedAt = publishedAt,
    };

    public static Comment Comment(
        Article article, string? author, string body, DateTime createdAt, Comment? parent = null,
        CommentStatus status = CommentStatus.Approved) => new()
    {
        ArticleId = article.Id,
        Parent = parent,
        Root = parent is null ? null : parent.Root ?? parent,
        Depth = parent is null ? 0 : parent.Depth + 1,
        AuthorName = author,
        Body = body,
        BodyHtml = CommentText.ToHtml(body),
        CreatedAt = createdAt,
        Status = status,
        // Written straight into the database, like an import: the notifications service has nobody to tell.
        NotifiedAt = createdAt,
    };
}
