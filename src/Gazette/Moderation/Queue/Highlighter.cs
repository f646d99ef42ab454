using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace Gazette.Moderation;

/// <summary>
/// A comment's text as typed, HTML-encoded, with every occurrence of the words a rule matched inside &lt;mark&gt;.
/// The spans are found in the raw text and each piece is encoded on its own, so nothing the author typed is ever
/// written as markup, and a match can never cut an entity in two.
/// </summary>
public static class Highlighter
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static IHtmlContent Mark(string text, IEnumerable<string> matches)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var match in matches.Where(m => !string.IsNullOrEmpty(m)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            for (var at = text.IndexOf(match, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = text.IndexOf(match, at + match.Length, StringComparison.OrdinalIgnoreCase))
            {
                spans.Add((at, at + match.Length));
            }
        }
        spans.Sort();

        var html = new StringBuilder(text.Length + 32 * spans.Count);
        var written = 0;
        foreach (var (start, end) in spans)
        {
            if (end <= written)
            {
                continue; // inside a span already marked
            }
            var from = Math.Max(start, written);
            if (from > written)
            {
                html.Append(Encoder.Encode(text[written..from]));
            }
            else if (html.Length > 0 && from == written && EndsWithMark(html))
            {
                // Overlapping or touching spans make one mark.
                html.Length -= "</mark>".Length;
                html.Append(Encoder.Encode(text[from..end])).Append("</mark>");
                written = end;
                continue;
            }
            html.Append("<mark>").Append(Encoder.Encode(text[from..end])).Append("</mark>");
            written = end;
        }
        html.Append(Encoder.Encode(text[written..]));
        return new HtmlString(html.ToString());
    }

    private static bool EndsWithMark(StringBuilder html) =>
        html.Length >= 7 && html.ToString(html.Length - 7, 7) == "</mark>";
}
