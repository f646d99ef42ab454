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
        a.Image == null ? null : new ImageView(a.Image.Path, a.Image.Alt, a.Image.Width, a.Image.Height),
        a.Bylines.OrderBy(b => b.Position).Select(b => new AuthorLink(b.Author.Slug, b.Author.Name)).ToList());
}

/// <summary>A featured image as pages show it: its stored widths in a srcset, each described by its true width.</summary>
public sealed record ImageView(string Path, string Alt, int Width, int Height)
{
    public string Src => $"/media/{Path}-{FeaturedImage.Widths[1]}.jpg";

    public string SrcSet => string.Join(", ", Renditions().Select(r => $"/media/{Path}-{r.Name}.jpg {r.Width}w"));

    /// <summary>
    /// A picture narrower than a width is stored at its own size under that width's name (never upscaled): the first
    /// such file is offered once, at the picture's width, so a browser never picks a "1600w" that is 800 pixels wide.
    /// </summary>
    private IEnumerable<(int Name, int Width)> Renditions()
    {
        var narrower = FeaturedImage.Widths.Where(w => w < Width).Select(w => (w, w));
        var covering = FeaturedImage.Widths.FirstOrDefault(w => w >= Width);
        return Width <= 0 ? FeaturedImage.Widths.Select(w => (w, w))
            : covering == 0 ? narrower
            : narrower.Append((covering, Width));
    }
}

/// <summary>A link to an article by its title, as in previous/next, related and news of the week.</summary>
public sealed record ArticleLink(string Slug, string Title, DateTime PublishedAt)
{
    public static readonly Expression<Func<Article, ArticleLink>> FromArticle = a => new ArticleLink(a.Slug, a.Title, a.PublishedAt);
}
