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
        if (IsPlainProse(body))
        {
            return PlainProseHtml(body);
        }
        return ProseWithLinks(body) ?? ThroughMarkdown(body);
    }

    /// <summary>The full way: Markdown, then the sanitizer. What <see cref="ToHtml"/> gives for any text.</summary>
    public static string ThroughMarkdown(string body) => Sanitizer.Sanitize(Markdown.ToHtml(body, Pipeline)).Trim();

    /// <summary>
    /// Lines of words and ordinary punctuation, which Markdown and the sanitizer would only make into paragraphs (at
    /// blank lines) and line breaks: most comments. Parsing them as Markdown, then again as HTML to sanitize them, was the
    /// largest single cost of a post and of an import. Anything that could mean more (an address, markup, an entity,
    /// emphasis, a quote, leading, trailing or doubled spaces, a carriage return) takes the full way.
    /// </summary>
    public static bool IsPlainProse(string body)
    {
        if (body.Length == 0 || body.Contains("www.", StringComparison.OrdinalIgnoreCase) || LooksLikeAddress(body))
        {
            return false;
        }
        foreach (var line in body.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty)
            {
                continue;
            }
            if (line[0] == ' ' || line[^1] == ' ' || line.Contains("  ", StringComparison.Ordinal))
            {
                return false;
            }
            foreach (var c in line)
            {
                if (!(char.IsLetterOrDigit(c) || c is ' ' or '.' or ',' or ';' or ':' or '?' or '!' or '\'' or '"' or '(' or ')' or '-' or '/' or '%'))
                {
                    return false;
                }
            }
        }
        // EnumerateLines also splits at \r, \f, U+0085, U+2028 and U+2029, which Markdown does not all take for line ends.
        return body.AsSpan().IndexOfAny(OtherLineEnds) < 0;
    }

    private static readonly System.Buffers.SearchValues<char> OtherLineEnds = System.Buffers.SearchValues.Create("\r\f\u0085\u2028\u2029");
    private static readonly System.Buffers.SearchValues<char> LineEnds = System.Buffers.SearchValues.Create("\n\r\f\u0085\u2028\u2029");

    /// <summary>What Markdown and the sanitizer make of <see cref="IsPlainProse"/> text: a paragraph per run of lines, a break between its lines.</summary>
    private static string PlainProseHtml(string body)
    {
        if (!body.Contains('\n'))
        {
            return $"<p>{body}</p>";
        }
        var html = new System.Text.StringBuilder(body.Length + 32);
        var inParagraph = false;
        foreach (var line in body.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty)
            {
                if (inParagraph)
                {
                    html.Append("</p>");
                    inParagraph = false;
                }
                continue;
            }
            if (inParagraph)
            {
                html.Append("<br>\n");
            }
            else
            {
                html.Append(html.Length == 0 ? "<p>" : "\n<p>");
                inParagraph = true;
            }
            html.Append(line);
        }
        if (inParagraph)
        {
            html.Append("</p>");
        }
        return html.ToString();
    }

    /// <summary>
    /// The HTML of one line of plain prose (<see cref="IsPlainProse"/>) with bare web addresses in it, as the full way makes
    /// it, or null when the text is anything else. Addresses are the commonest thing besides words in a comment, and parsing
    /// them with the rest as Markdown, then as HTML, was most of the cost of such a post. Only the simplest addresses are
    /// taken here (<see cref="IsSimpleLink"/>: a space or the text's end on both sides, no character that HTML or Markdown
    /// reads); any other takes the full way.
    /// </summary>
    public static string? ProseWithLinks(string body)
    {
        // One line only: its words are checked one by one, and a line end inside one would be a break to write.
        if (!body.Contains("http", StringComparison.Ordinal) || body.Contains("  ", StringComparison.Ordinal)
            || body[0] == ' ' || body[^1] == ' ' || body.AsSpan().IndexOfAny(LineEnds) >= 0)
        {
            return null;
        }
        var words = body.Split(' ');
        var links = 0;
        var html = new System.Text.StringBuilder(body.Length * 2 + 64).Append("<p>");
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (i > 0)
            {
                html.Append(' ');
            }
            if (IsSimpleLink(word))
            {
                links++;
                html.Append("<a href=\"").Append(word).Append("\" rel=\"").Append(LinkRel).Append("\">").Append(word).Append("</a>");
            }
            else if (IsPlainProse(word))
            {
                html.Append(word);
            }
            else
            {
                return null;
            }
        }
        return links == 0 ? null : html.Append("</p>").ToString();
    }

    /// <summary>
    /// http:// or https://, a host of two or more labels of letters, digits and inner hyphens, then an optional path of
    /// letters, digits and <c>/ - _ .</c> that ends on a letter, a digit or a slash (so no trailing punctuation to tell
    /// apart from the sentence's).
    /// </summary>
    public static bool IsSimpleLink(string word)
    {
        var at = word.StartsWith("https://", StringComparison.Ordinal) ? 8 : word.StartsWith("http://", StringComparison.Ordinal) ? 7 : -1;
        if (at < 0)
        {
            return false;
        }
        var labels = 0;
        while (true)
        {
            var start = at;
            while (at < word.Length && (char.IsAsciiLetterOrDigit(word[at]) || word[at] == '-'))
            {
                at++;
            }
            if (at == start || word[start] == '-' || word[at - 1] == '-')
            {
                return false;
            }
            labels++;
            if (at < word.Length && word[at] == '.')
            {
                at++;
                continue;
            }
            break;
        }
        if (labels < 2)
        {
            return false;
        }
        if (at == word.Length)
        {
            return true;
        }
        if (word[at] != '/')
        {
            return false;
        }
        for (; at < word.Length; at++)
        {
            if (!(char.IsAsciiLetterOrDigit(word[at]) || word[at] is '/' or '-' or '_' or '.'))
            {
                return false;
            }
        }
        return char.IsAsciiLetterOrDigit(word[^1]) || word[^1] == '/';
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
        // Nor "---" or "===" under a line, a heading the sanitizer then dropped with the words above it.
        builder.BlockParsers.Find<ParagraphBlockParser>()!.ParseSetextHeadings = false;
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
