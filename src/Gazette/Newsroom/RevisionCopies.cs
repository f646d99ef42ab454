using Gazette.Articles;

namespace Gazette.Newsroom;

/// <summary>Copies between an article and its revisions.</summary>
public static class RevisionCopies
{
    public static ArticleRevision Of(Article article, Staffer who, string note, DateTime now) => new()
    {
        ArticleId = article.Id,
        SavedAt = now,
        SavedByUserId = who.UserId,
        SavedByName = who.Name,
        Note = note,
        Title = article.Title,
        Slug = article.Slug,
        Excerpt = article.Excerpt,
        BodyMarkdown = article.BodyMarkdown,
        ImagePath = article.Image?.Path,
        ImageAlt = article.Image?.Alt,
        ImageWidth = article.Image?.Width ?? 0,
        ImageHeight = article.Image?.Height ?? 0,
        ImageKind = article.Image?.Kind ?? default,
        AuthorId = article.AuthorId,
        CategoryId = article.CategoryId,
        TagNames = string.Join('\n', article.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)),
        Status = article.Status,
        PublishedAt = article.PublishedAt,
    };

    public static ArticleContent ContentOf(ArticleRevision revision) => new(
        revision.Title,
        revision.Slug,
        revision.Excerpt,
        revision.BodyMarkdown,
        revision.ImagePath is { } path
            ? new FeaturedImage { Path = path, Alt = revision.ImageAlt ?? "", Width = revision.ImageWidth, Height = revision.ImageHeight, Kind = revision.ImageKind }
            : null,
        revision.CategoryId,
        revision.TagNames.Split('\n', StringSplitOptions.RemoveEmptyEntries));
}
