using System.Buffers;
using System.Net;
using System.Text;
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
        // Written straight to JSON, in the order and with the escaping JsonSerializer gave the dictionaries this was once
        // built of (the default encoder): on a page showing every comment, those cost a twentieth of its rendering.
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("@context", "https://schema.org");
            json.WriteString("@type", "NewsArticle");
            json.WriteStartObject("mainEntityOfPage");
            json.WriteString("@type", "WebPage");
            json.WriteString("@id", url);
            json.WriteEndObject();
            json.WriteString("url", url);
            json.WriteString("headline", Headline(article.Title));
            json.WriteString("description", article.Excerpt);
            if (article.Image is { } image)
            {
                WriteImages(json, image, Url);
            }
            json.WriteString("datePublished", DisplayDates.Machine(article.PublishedAt));
            json.WriteString("dateModified", DisplayDates.Machine(Modified(article)));
            json.WriteString("inLanguage", site.Language);
            json.WriteBoolean("isAccessibleForFree", true);
            json.WriteStartArray("author");
            foreach (var byline in article.Bylines)
            {
                json.WriteStartObject();
                json.WriteString("@type", "Person");
                json.WriteString("name", byline.Name);
                json.WriteString("url", Url($"/author/{byline.Slug}"));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("publisher");
            json.WriteString("@type", "NewsMediaOrganization");
            json.WriteString("name", site.Name);
            json.WriteString("url", Url("/"));
            json.WriteStartObject("logo");
            json.WriteString("@type", "ImageObject");
            json.WriteString("url", Url(LogoPath));
            json.WriteEndObject();
            json.WriteEndObject();
            if (article.CategoryName is { } section)
            {
                json.WriteString("articleSection", section);
            }
            json.WriteStartArray("keywords");
            foreach (var tag in article.Tags)
            {
                json.WriteStringValue(tag.Name);
            }
            json.WriteEndArray();
            json.WriteString("discussionUrl", url + "#comments");
            json.WriteNumber("commentCount", article.CommentCount);
            // The top-level comments of the page, their text cut at a few hundred characters: enough for search engines
            // to see the discussion (commentCount tells its size) without sending every comment a second time.
            json.WriteStartArray("comment");
            foreach (var node in threads)
            {
                if (node.IsPlaceholder)
                {
                    continue;
                }
                json.WriteStartObject();
                json.WriteString("@type", "Comment");
                json.WriteString("url", Url($"/comments/{node.Item.Id}"));
                json.WriteStartObject("author");
                json.WriteString("@type", "Person");
                json.WriteString("name", node.Item.DisplayName);
                json.WriteEndObject();
                json.WriteString("dateCreated", DisplayDates.Machine(node.Item.CreatedAt));
                json.WriteString("text", Shortened(PlainText(node.Item.BodyHtml)));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The last change readers can see: a save, or the latest correction or update (whose time an editor may set).</summary>
    public static DateTime Modified(ArticleView article) =>
        new[] { article.PublishedAt, article.UpdatedAt }.Concat(article.Notes.Select(n => n.At)).Max();

    /// <summary>Every stored width of the featured image, largest first, each with its size (the renditions keep the aspect ratio).</summary>
    private static void WriteImages(Utf8JsonWriter json, ImageView image, Func<string, string> url)
    {
        json.WriteStartArray("image");
        for (var i = FeaturedImage.Widths.Length - 1; i >= 0; i--)
        {
            var width = FeaturedImage.Widths[i];
            json.WriteStartObject();
            json.WriteString("@type", "ImageObject");
            json.WriteString("url", url(Gazette.Core.Media.MediaRenditions.Url(image.Path, width, image.Kind)));
            json.WriteNumber("width", width);
            if (image.Width > 0)
            {
                json.WriteNumber("height", (int)Math.Round((double)image.Height * width / image.Width));
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

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
