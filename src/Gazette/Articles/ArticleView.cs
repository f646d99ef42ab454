using System.Linq.Expressions;

namespace Gazette.Articles;

public sealed record TagLink(string Slug, string Name);

/// <summary>A correction or update as the foot of the article shows it.</summary>
public sealed record NoteView(ArticleNoteKind Kind, string Text, DateTime At);

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
    List<TagLink> Tags,
    List<AuthorLink> BylineRows,
    List<NoteView> Notes)
{
    /// <summary>Every byline in order (see <see cref="BylineOrder.Of"/>).</summary>
    public IReadOnlyList<AuthorLink> Bylines => Articles.BylineOrder.Of(BylineRows, AuthorSlug, AuthorName);

    /// <summary>The one projection of an article into what its page shows, for the public page and the newsroom's preview alike.</summary>
    public static readonly Expression<Func<Article, ArticleView>> FromArticle = a => new ArticleView(
        a.Id, a.Slug, a.Title, a.Excerpt, a.BodyHtml, a.PublishedAt, a.UpdatedAt,
        a.Author.Name, a.Author.Slug, a.CategoryId,
        a.Category == null ? null : a.Category.Name,
        a.Category == null ? null : a.Category.Slug,
        a.CommentCount,
        a.CommentsClosed,
        a.Image == null ? null : new ImageView(a.Image.Path, a.Image.Alt, a.Image.Width, a.Image.Height, a.Image.Kind),
        a.Tags.OrderBy(t => t.Name).Select(t => new TagLink(t.Slug, t.Name)).ToList(),
        a.Bylines.OrderBy(b => b.Position).Select(b => new AuthorLink(b.Author.Slug, b.Author.Name)).ToList(),
        a.Notes.OrderBy(n => n.At).ThenBy(n => n.Id).Select(n => new NoteView(n.Kind, n.Text, n.At)).ToList());
}
