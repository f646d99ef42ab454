using System.Net;
using System.Text.RegularExpressions;
using Ganss.Xss;
using Gazette.Core.Embeds;
using Gazette.Core.Media;
using Markdig;

namespace Gazette.Core.Text;

/// <summary>
/// Renders an article's Markdown body once, when it is saved. Staff write it, but it is sanitized all the same:
/// an imported post or a compromised account must not be able to put script on the public page.
/// Images, figures and embeds are shaped by <see cref="ArticleBodyBlocks"/> before it renders.
/// </summary>
public static partial class ArticleMarkdown
{
    /// <summary>A paragraph holding only this marker is where the "news of the week" block goes inside the body.</summary>
    public const string NewsOfTheWeekMarker = "{{news-of-the-week}}";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = ArticleSanitizer.Create();

    /// <summary>What an imported WordPress body holds for an address alone on a line (<c>WordPressBody</c>): an embed too, if it is one.</summary>
    [GeneratedRegex("""<figure class="embed"><a href="(?<url>[^"<>]*)">\k<url></a></figure>""", RegexOptions.CultureInvariant)]
    private static partial Regex ImportedEmbed();

    /// <summary>Renders without knowing the stored images: a Gazette image then stays a plain <c>img</c>.</summary>
    public static string ToHtml(string markdown) => ToHtml(markdown, static _ => null);

    /// <param name="media">A stored image by its path (<c>uploads/…</c>), to show it through a <c>picture</c> at its size.</param>
    public static string ToHtml(string markdown, Func<string, MediaImage?> media)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var embeds = new EmbedSlots();
        ArticleBodyBlocks.Shape(document, media, embeds);
        var html = Markdown.ToHtml(document, Pipeline);
        html = ImportedEmbed().Replace(html, match =>
            EmbedUrls.Parse(WebUtility.HtmlDecode(match.Groups["url"].Value)) is { } embed ? embeds.Add(embed) : match.Value);
        return embeds.Fill(ArticleBodyBlocks.PicturesForHtmlImages(Sanitizer.Sanitize(html).Trim(), media));
    }

    /// <summary>The body's words without markup, for the search index and its snippets.</summary>
    public static string ToPlainText(string markdown) =>
        Markdown.ToPlainText(markdown.Replace(NewsOfTheWeekMarker, "", StringComparison.Ordinal), Pipeline).Trim();

    /// <summary>Splits rendered body HTML around the marker paragraph: (before, after), or (html, null) without one.</summary>
    public static (string Before, string? After) SplitAtNewsOfTheWeek(string html)
    {
        const string paragraph = "<p>" + NewsOfTheWeekMarker + "</p>";
        var at = html.IndexOf(paragraph, StringComparison.Ordinal);
        return at < 0 ? (html, null) : (html[..at], html[(at + paragraph.Length)..]);
    }
}
