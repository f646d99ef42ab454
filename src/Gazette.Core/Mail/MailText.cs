using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Gazette.Core.Mail;

/// <summary>
/// The plain-text part of a mail, read from its HTML part, so that a template's words are written once: paragraphs and
/// headings become blank-line separated blocks, list items lines starting with "- ", a link its text with the address
/// after it in angle brackets (unless the text is the address), and what is only for the HTML reader (style, head,
/// elements marked <c>data-text="skip"</c>) is left out.
/// </summary>
public static class MailText
{
    private static readonly HashSet<string> Blocks =
        ["P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "UL", "OL", "TABLE", "TR", "BLOCKQUOTE", "SECTION", "HEADER", "FOOTER", "HR"];

    public static string FromHtml(string html) => Read(html).Text;

    /// <summary>The document's &lt;title&gt;: a template states its subject there.</summary>
    public static string Title(string html) => Read(html).Subject;

    /// <summary>The subject and the plain text from one parse of the HTML (a batch of notifications renders hundreds).</summary>
    public static (string Subject, string Text) Read(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder();
        Write(document.Body ?? (INode)document.DocumentElement, text, quoteDepth: 0);
        return (document.Title?.Trim() ?? "", Tidy(text.ToString()));
    }

    private static void Write(INode node, StringBuilder text, int quoteDepth)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(Collapse(t.Data));
                    break;
                case IElement e when e.TagName is "STYLE" or "SCRIPT" or "HEAD" || e.GetAttribute("data-text") == "skip":
                    break;
                case IElement { TagName: "BR" }:
                    text.Append('\n');
                    break;
                case IElement { TagName: "LI" } li:
                    text.Append("\n- ");
                    Write(li, text, quoteDepth);
                    text.Append('\n');
                    break;
                case IElement { TagName: "A" } a:
                    var before = text.Length;
                    Write(a, text, quoteDepth);
                    var label = text.ToString(before, text.Length - before).Trim();
                    var href = a.GetAttribute("href");
                    if (!string.IsNullOrEmpty(href) && !href.StartsWith('#') && label != href)
                    {
                        text.Append(label.Length == 0 ? href : $" <{href}>");
                    }
                    break;
                case IElement { TagName: "BLOCKQUOTE" } quote:
                    var inner = new StringBuilder();
                    Write(quote, inner, quoteDepth + 1);
                    text.Append("\n\n");
                    foreach (var line in Tidy(inner.ToString()).Split('\n'))
                    {
                        text.Append(line.Length == 0 ? ">" : "> " + line).Append('\n');
                    }
                    text.Append('\n');
                    break;
                case IElement e when Blocks.Contains(e.TagName):
                    text.Append("\n\n");
                    Write(e, text, quoteDepth);
                    text.Append("\n\n");
                    break;
                case IElement e:
                    Write(e, text, quoteDepth);
                    break;
            }
        }
    }

    private static string Collapse(string data)
    {
        var result = new StringBuilder(data.Length);
        var space = false;
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c) && c != '\u00a0')
            {
                space = true;
                continue;
            }
            if (space)
            {
                result.Append(' ');
                space = false;
            }
            result.Append(c == '\u00a0' ? ' ' : c);
        }
        if (space)
        {
            result.Append(' ');
        }
        return result.ToString();
    }

    /// <summary>Lines trimmed, at most one blank line in a row, none at either end.</summary>
    private static string Tidy(string text)
    {
        var lines = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 && (lines.Count == 0 || lines[^1].Length == 0))
            {
                continue;
            }
            lines.Add(line);
        }
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        return string.Join('\n', lines);
    }
}
