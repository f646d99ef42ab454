using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gazette.Comments;
using Gazette.Core.Threads;
using Gazette.Infrastructure;

namespace Gazette.Articles;

/// <summary>
/// The schema.org NewsArticle that search engines read from an article page, with the page's top-level comments.
/// System.Text.Json's default encoder escapes &lt; and &gt;, so nothing in it can close the script element.
/// </summary>
public static partial class NewsArticleJsonLd
{
    public static string For(ArticleView article, IEnumerable<ThreadNode<CommentView>> threads, SiteOptions site, HttpRequest request)
    {
        string Url(string path) => site.AbsoluteUrl(request, path);
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
            ["mainEntityOfPage"] = Url($"/articles/{article.Slug}"),
            ["headline"] = article.Title,
            ["description"] = article.Excerpt,
            ["image"] = article.Image is { } image ? FeaturedImage.Widths.Select(w => Url($"/media/{image.Path}-{w}.jpg")).ToArray() : null,
            ["datePublished"] = DisplayDates.Machine(article.PublishedAt),
            ["dateModified"] = DisplayDates.Machine(article.UpdatedAt),
            ["author"] = new[] { new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = article.AuthorName, ["url"] = Url($"/author/{article.AuthorSlug}") } },
            ["publisher"] = new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = site.Name, ["url"] = Url("/") },
            ["articleSection"] = article.CategoryName,
            ["keywords"] = article.Tags.Select(t => t.Name).ToArray(),
            ["commentCount"] = article.CommentCount,
            ["comment"] = comments,
        };
        return JsonSerializer.Serialize(data.Where(p => p.Value is not null).ToDictionary());
    }

    private const int TextLength = 300;

    private static string Shortened(string text) =>
        text.Length <= TextLength ? text : text[..(char.IsHighSurrogate(text[TextLength - 1]) ? TextLength - 1 : TextLength)] + "…";

    /// <summary>The text of a comment's HTML. It is the sanitized subset (p, br, a, em, strong, code, blockquote), so tags are simple.</summary>
    private static string PlainText(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " ")).Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
