using System.Text;
using System.Text.RegularExpressions;

namespace Gazette.Core.Import.WordPress;

/// <summary>
/// Paragraphs made from blank lines, as WordPress makes them when it shows a post written in its classic editor
/// (its <c>wpautop</c>): text between blank lines becomes a paragraph, a single line break a <c>&lt;br /&gt;</c>,
/// and block elements (lists, tables, quotes, figures, headings…) stand on their own. Text inside <c>pre</c>,
/// <c>script</c>, <c>style</c>, <c>textarea</c> and HTML comments is left as it is. Content of the block editor
/// (<c>&lt;!-- wp:…</c>) already carries its markup and is returned unchanged, as WordPress does.
/// Written here rather than ported: WordPress's is a chain of PHP regular expressions over the whole text; this one
/// walks the block tags once. The result has no blank line outside <c>pre</c> and its kin, so that it passes through
/// Gazette's Markdown as one HTML block.
/// </summary>
public static partial class AutoParagraphs
{
    /// <summary>Elements that are blocks of their own: never inside a paragraph.</summary>
    private const string Blocks = "address|article|aside|blockquote|caption|col|colgroup|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|"
        + "form|h[1-6]|header|hgroup|hr|legend|li|main|map|area|math|menu|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|iframe|video|audio|object|embed";

    /// <summary>Blocks whose text is made into paragraphs (flow containers); text in the others stays as it is.</summary>
    private static readonly HashSet<string> Containers = ["", "address", "article", "aside", "blockquote", "details", "div", "fieldset", "footer", "form", "header", "main", "nav", "section"];

    [GeneratedRegex($@"<(/?)({Blocks})(?=[\s/>])[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<(pre|script|style|textarea|svg)[\s>].*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Verbatim();

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();

    public static string Apply(string text)
    {
        if (text.Contains("<!-- wp:", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(text))
        {
            return text.Contains("<!-- wp:", StringComparison.Ordinal) ? text : "";
        }
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        var output = new StringBuilder(text.Length + text.Length / 8);
        var open = new Stack<string>();
        var position = 0;
        // Verbatim regions and block tags, in the order they come; the text between them is flowed.
        var marks = Verbatim().Matches(text).Select(m => (m.Index, m.Length, Tag: (Match?)null))
            .Concat(BlockTag().Matches(text).Select(m => (m.Index, m.Length, Tag: (Match?)m)))
            .OrderBy(m => m.Index).ToList();
        foreach (var (index, length, tag) in marks)
        {
            if (index < position)
            {
                continue; // a block tag inside a verbatim region
            }
            Flow(text.AsSpan(position, index - position), open.Count == 0 ? "" : open.Peek(), output);
            var mark = text.Substring(index, length);
            if (tag is null)
            {
                Line(output).Append(mark);
            }
            else
            {
                var name = tag.Groups[2].Value.ToLowerInvariant();
                var closing = tag.Groups[1].Length > 0;
                if (closing)
                {
                    // Closing an element that is not the innermost closes those inside it too (HTML as people write it).
                    if (open.Contains(name))
                    {
                        while (open.Pop() != name)
                        {
                        }
                    }
                    output.Append(mark);
                }
                else
                {
                    if (!open.Contains("p") || name != "p")
                    {
                        Line(output);
                    }
                    output.Append(mark);
                    if (!mark.EndsWith("/>", StringComparison.Ordinal) && name is not ("hr" or "col" or "area" or "embed"))
                    {
                        open.Push(name);
                    }
                }
            }
            position = index + length;
        }
        Flow(text.AsSpan(position), open.Count == 0 ? "" : open.Peek(), output);
        return output.ToString().Trim('\n') + "\n";
    }

    /// <summary>Text between two marks: paragraphs where its container takes them, line breaks within.</summary>
    private static void Flow(ReadOnlySpan<char> span, string container, StringBuilder output)
    {
        if (span.IsWhiteSpace())
        {
            return;
        }
        var text = span.ToString();
        if (!Containers.Contains(container) && !BlankLines().IsMatch(text.Trim()))
        {
            output.Append(Breaks(text.Trim('\n')));
            return;
        }
        foreach (var paragraph in BlankLines().Split(text).Select(p => p.Trim('\n')).Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            Line(output).Append("<p>").Append(Breaks(paragraph.Trim())).Append("</p>");
        }
    }

    private static string Breaks(string text) => text.Replace("\n", "<br />\n");

    /// <summary>The output on a line of its own: a line break unless it is at a line's start.</summary>
    private static StringBuilder Line(StringBuilder output) =>
        output.Length == 0 || output[^1] == '\n' ? output : output.Append('\n');
}
