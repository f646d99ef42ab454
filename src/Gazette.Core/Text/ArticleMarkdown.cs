using Ganss.Xss;
using Markdig;

namespace Gazette.Core.Text;

/// <summary>
/// Renders an article's Markdown body once, when it is saved. Staff write it, but it is sanitized all the same:
/// an imported post or a compromised account must not be able to put script on the public page.
/// </summary>
public static class ArticleMarkdown
{
    /// <summary>A paragraph holding only this marker is where the "news of the week" block goes inside the body.</summary>
    public const string NewsOfTheWeekMarker = "{{news-of-the-week}}";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = NoInlineStyle();

    /// <summary>
    /// HtmlSanitizer's defaults, less inline <c>style</c>: kept, it let a body's link cover the whole page
    /// (<c>position:fixed; inset:0</c>) or load a tracking image through CSS. The site's stylesheet styles the story.
    /// </summary>
    private static HtmlSanitizer NoInlineStyle()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("style");
        return sanitizer;
    }

    public static string ToHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)).Trim();

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
