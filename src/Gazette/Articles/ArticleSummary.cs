using Gazette.Core.Media;
using System.Linq.Expressions;

namespace Gazette.Articles;

/// <summary>What a list of articles shows for each one.</summary>
public sealed record ArticleSummary(
    int Id,
    string Slug,
    string Title,
    string Excerpt,
    DateTime PublishedAt,
    string AuthorName,
    string AuthorSlug,
    string? CategoryName,
    string? CategorySlug,
    int CommentCount,
    ImageView? Image,
    List<AuthorLink> BylineRows)
{
    /// <summary>Every byline in order (see <see cref="Articles.BylineOrder.Of"/>).</summary>
    public IReadOnlyList<AuthorLink> Bylines => Articles.BylineOrder.Of(BylineRows, AuthorSlug, AuthorName);

    public static readonly Expression<Func<Article, ArticleSummary>> FromArticle = a => new ArticleSummary(
        a.Id,
        a.Slug,
        a.Title,
        a.Excerpt,
        a.PublishedAt,
        a.Author.Name,
        a.Author.Slug,
        a.Category == null ? null : a.Category.Name,
        a.Category == null ? null : a.Category.Slug,
        a.CommentCount,
        a.Image == null ? null : new ImageView(a.Image.Path, a.Image.Alt, a.Image.Width, a.Image.Height, a.Image.Kind),
        a.Bylines.OrderBy(b => b.Position).Select(b => new AuthorLink(b.Author.Slug, b.Author.Name)).ToList());
}

/// <summary>A featured image as pages show it: its stored widths in a srcset, each described by its true width (<see cref="MediaRenditions"/>).</summary>
public sealed record ImageView(string Path, string Alt, int Width, int Height, ImageKind Kind)
{
    public string Src => Url(MediaRenditions.Middle);

    public string Url(int width) => MediaRenditions.Url(Path, width, Kind);

    public string SrcSet => MediaRenditions.SrcSet(Media, Kind);

    public string WebpSrcSet => MediaRenditions.WebpSrcSet(Media);

    public MediaImage Media => new(Path, Kind, Width, Height);
}

/// <summary>A link to an article by its title, as in previous/next, related and news of the week.</summary>
public sealed record ArticleLink(string Slug, string Title, DateTime PublishedAt)
{
    public static readonly Expression<Func<Article, ArticleLink>> FromArticle = a => new ArticleLink(a.Slug, a.Title, a.PublishedAt);
}
