using Ganss.Xss;
using Markdig;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;

namespace Gazette.Core.Text;

/// <summary>
/// Turns what a reader typed into the small, safe HTML subset a comment may show: paragraphs, line breaks,
/// links made from bare URLs, emphasis, inline code and quotes. Called once, when a comment is written;
/// pages show the stored result. The typed text itself is kept unchanged beside it.
/// </summary>
public static class CommentText
{
    public const string LinkRel = "nofollow ugc noopener";

    private static readonly MarkdownPipeline Pipeline = BuildPipeline();
    private static readonly HtmlSanitizer Sanitizer = BuildSanitizer();

    public static string ToHtml(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }
        return IsPlainProse(body) ? $"<p>{body}</p>" : ThroughMarkdown(body);
    }

    /// <summary>The full way: Markdown, then the sanitizer. What <see cref="ToHtml"/> gives for any text.</summary>
    public static string ThroughMarkdown(string body) => Sanitizer.Sanitize(Markdown.ToHtml(body, Pipeline)).Trim();

    /// <summary>
    /// One line of words and ordinary punctuation, which Markdown and the sanitizer would only wrap in a paragraph: most
    /// comments. Parsing it as Markdown, then again as HTML to sanitize it, was the largest single cost of a post.
    /// Anything that could mean more (a line break, an address, markup, an entity, emphasis, a quote, leading or doubled
    /// spaces) takes the full way.
    /// </summary>
    public static bool IsPlainProse(string body)
    {
        if (body.Length == 0 || body[0] == ' ' || body[^1] == ' ' || body.Contains("  ", StringComparison.Ordinal)
            || body.Contains("www.", StringComparison.OrdinalIgnoreCase) || LooksLikeAddress(body))
        {
            return false;
        }
        foreach (var c in body)
        {
            if (!(char.IsLetterOrDigit(c) || c is ' ' or '.' or ',' or ';' or ':' or '?' or '!' or '\'' or '(' or ')' or '-' or '/' or '%'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>What the auto-links extension could turn into a link: a colon followed by anything but a space ("https://", "mailto:").</summary>
    private static bool LooksLikeAddress(string body)
    {
        for (var at = body.IndexOf(':'); at >= 0; at = body.IndexOf(':', at + 1))
        {
            if (at + 1 < body.Length && body[at + 1] != ' ')
            {
                return true;
            }
        }
        return false;
    }

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder()
            .DisableHtml()
            .UseAutoLinks()
            .UseSoftlineBreakAsHardlineBreak();

        // Readers write prose, not documents: '#', '-', '1.', '```' and indentation stay literal text.
        builder.BlockParsers.TryRemove<HeadingBlockParser>();
        builder.BlockParsers.TryRemove<ThematicBreakParser>();
        builder.BlockParsers.TryRemove<ListBlockParser>();
        builder.BlockParsers.TryRemove<FencedCodeBlockParser>();
        builder.BlockParsers.TryRemove<IndentedCodeBlockParser>();
        builder.BlockParsers.TryRemove<HtmlBlockParser>();
        // Links come only from bare URLs, so link text can never disguise where it goes; no images.
        builder.InlineParsers.TryRemove<LinkInlineParser>();
        builder.InlineParsers.TryRemove<AutolinkInlineParser>();
        return builder.Build();
    }

    private static HtmlSanitizer BuildSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "a", "em", "strong", "code", "blockquote"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", LinkRel);
            }
        };
        return sanitizer;
    }
}
