using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gazette.Comments;
using Gazette.Core.Threads;
using Gazette.Infrastructure;

namespace Gazette.Articles;

/// <summary>
/// The schema.org NewsArticle that search engines read from an article page, with the page's top-level comments.
/// It carries what Google's Article structured-data guidelines list: headline (at most 110 characters), image (absolute
/// URLs of every stored width, with their sizes), datePublished and dateModified (ISO 8601 in UTC), author with name
/// and url, publisher with name and logo, mainEntityOfPage and url; then the discussion as Comment items and commentCount.
/// System.Text.Json's default encoder escapes &lt; and &gt;, so nothing in it can close the script element.
/// </summary>
public static partial class NewsArticleJsonLd
{
    public const int HeadlineLength = 110;

    /// <summary>The publisher's logo: the site's mark (SVG, which Google Images reads, so any size is large enough).</summary>
    public const string LogoPath = "/favicon.svg";

    public static string For(ArticleView article, IEnumerable<ThreadNode<CommentView>> threads, SiteOptions site, HttpRequest request)
    {
        string Url(string path) => site.AbsoluteUrl(request, path);
        var url = Url($"/articles/{article.Slug}");
        // The top-level comments of the page, their text cut at a few hundred characters: enough for search engines
        // to see the discussion (commentCount tells its size) without sending every comment a second time.
        var comments = threads.Where(node => !node.IsPlaceholder).Select(node => new Dictionary<string, object?>
        {
            ["@type"] = "Comment",
            ["url"] = Url($"/comments/{node.Item.Id}"),
            ["author"] = new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = node.Item.DisplayName },
            ["dateCreated"] = DisplayDates.Machine(node.Item.CreatedAt),
            ["text"] = Shortened(PlainText(node.Item.BodyHtml)),
        }).ToList();

        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["mainEntityOfPage"] = new Dictionary<string, object?> { ["@type"] = "WebPage", ["@id"] = url },
            ["url"] = url,
            ["headline"] = Headline(article.Title),
            ["description"] = article.Excerpt,
            ["image"] = article.Image is { } image ? Images(image, Url) : null,
            ["datePublished"] = DisplayDates.Machine(article.PublishedAt),
            ["dateModified"] = DisplayDates.Machine(article.UpdatedAt > article.PublishedAt ? article.UpdatedAt : article.PublishedAt),
            ["inLanguage"] = site.Language,
            ["isAccessibleForFree"] = true,
            ["author"] = new[] { new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = article.AuthorName, ["url"] = Url($"/author/{article.AuthorSlug}") } },
            ["publisher"] = new Dictionary<string, object?>
            {
                ["@type"] = "NewsMediaOrganization",
                ["name"] = site.Name,
                ["url"] = Url("/"),
                ["logo"] = new Dictionary<string, object?> { ["@type"] = "ImageObject", ["url"] = Url(LogoPath) },
            },
            ["articleSection"] = article.CategoryName,
            ["keywords"] = article.Tags.Select(t => t.Name).ToArray(),
            ["discussionUrl"] = url + "#comments",
            ["commentCount"] = article.CommentCount,
            ["comment"] = comments,
        };
        return JsonSerializer.Serialize(data.Where(p => p.Value is not null).ToDictionary());
    }

    /// <summary>Every stored width of the featured image, largest first, each with its size (the renditions keep the aspect ratio).</summary>
    private static object[] Images(ImageView image, Func<string, string> url) => Enumerable.Reverse(FeaturedImage.Widths).Select(width => new Dictionary<string, object?>
    {
        ["@type"] = "ImageObject",
        ["url"] = url($"/media/{image.Path}-{width}.jpg"),
        ["width"] = width,
        ["height"] = image.Width > 0 ? (int)Math.Round((double)image.Height * width / image.Width) : null,
    }.Where(p => p.Value is not null).ToDictionary()).ToArray<object>();

    /// <summary>The title, or for a longer one its words up to 110 characters and an ellipsis.</summary>
    public static string Headline(string title)
    {
        if (title.Length <= HeadlineLength)
        {
            return title;
        }
        var cut = title[..(char.IsHighSurrogate(title[HeadlineLength - 2]) ? HeadlineLength - 2 : HeadlineLength - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > HeadlineLength / 2 ? cut[..space] : cut).TrimEnd(' ', ',', ';', ':', '-', '–') + "…";
    }

    private const int TextLength = 300;

    private static string Shortened(string text) =>
        text.Length <= TextLength ? text : text[..(char.IsHighSurrogate(text[TextLength - 1]) ? TextLength - 1 : TextLength)] + "…";

    /// <summary>The text of a comment's HTML. It is the sanitized subset (p, br, a, em, strong, code, blockquote), so tags are simple.</summary>
    private static string PlainText(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " ")).Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
