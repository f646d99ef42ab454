using Gazette.Articles;
using Gazette.Core.Text;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>
/// The story as the public page will show it, for an article in any state or for edits not saved yet: the same
/// projection (<see cref="ArticleView.FromArticle"/>) as the public page, rendered with the same partial.
/// </summary>
public sealed class StoryPreviews(GazetteDb db, NewsOfTheWeek newsOfTheWeek, Media.StoredImages storedImages)
{
    public async Task<StoryView?> OfArticleAsync(int id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(ArticleView.FromArticle)
            .FirstOrDefaultAsync(cancellationToken);
        return article is null ? null : await StoryAsync(article, cancellationToken);
    }

    /// <summary>Edits as typed, not saved: the byline, section and tags are looked up as a save would make them.</summary>
    public async Task<StoryView> OfEditsAsync(
        int? articleId, ArticleContent content, Staffer staffer, int? authorId, DateTime publishedAt, bool commentsClosed,
        CancellationToken cancellationToken)
    {
        var author = await db.Authors.AsNoTracking()
            .Where(a => authorId != null && staffer.MayPublish ? a.Id == authorId : a.UserId == staffer.UserId)
            .Select(a => new { a.Name, a.Slug })
            .FirstOrDefaultAsync(cancellationToken)
            ?? new { staffer.Name, Slug = Slug.From(staffer.Name) };
        var category = await db.Categories.AsNoTracking().Where(c => c.Id == content.CategoryId)
            .Select(c => new { c.Name, c.Slug }).FirstOrDefaultAsync(cancellationToken);
        var commentCount = articleId is null
            ? 0
            : await db.Articles.Where(a => a.Id == articleId).Select(a => a.CommentCount).FirstOrDefaultAsync(cancellationToken);
        var tagSlugs = content.TagNames.Select(Slug.From).ToList();
        var tagNames = await db.Tags.AsNoTracking().Where(t => tagSlugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, t => t.Name, cancellationToken);
        var tags = content.TagNames
            .Select(name => Slug.From(name) is var slug && tagNames.TryGetValue(slug, out var existing) ? new TagLink(slug, existing) : new TagLink(slug, name))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var article = new ArticleView(
            articleId ?? 0, content.Slug, content.Title, content.Excerpt, ArticleMarkdown.ToHtml(content.BodyMarkdown, storedImages.Find), publishedAt, publishedAt,
            author.Name, author.Slug, content.CategoryId, category?.Name, category?.Slug, commentCount, commentsClosed,
            content.Image is { } image ? new ImageView(image.Path, image.Alt, image.Width, image.Height, image.Kind) : null,
            tags, [], []);
        return await StoryAsync(article, cancellationToken);
    }

    private async Task<StoryView> StoryAsync(ArticleView article, CancellationToken cancellationToken) =>
        new(article, ArticleMarkdown.SplitAtNewsOfTheWeek(article.BodyHtml), await newsOfTheWeek.GetAsync(cancellationToken));
}
