using Microsoft.AspNetCore.Html;

namespace Gazette.Search;

/// <summary>
/// Text with the words a search matched, as parts a view writes one by one (each HTML-encoded, the matched ones
/// inside &lt;mark&gt;), so no article text ever reaches the page unencoded.
/// </summary>
public sealed record HighlightedText(IReadOnlyList<HighlightedText.Part> Parts)
{
    /// <summary>Private-use characters the database puts around matched words; article text has no use for them.</summary>
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    public sealed record Part(string Text, bool Marked);

    public bool HasMarks => Parts.Any(p => p.Marked);

    /// <summary>The parts as HTML: every text encoded by the framework, the only markup ours.</summary>
    public IHtmlContent ToHtml()
    {
        var html = new HtmlContentBuilder(Parts.Count * 3);
        foreach (var part in Parts)
        {
            if (part.Marked)
            {
                html.AppendHtml("<mark>").Append(part.Text).AppendHtml("</mark>");
            }
            else
            {
                html.Append(part.Text);
            }
        }
        return html;
    }

    /// <summary>Splits text marked with <see cref="Open"/> and <see cref="Close"/>; the markers themselves are never shown.</summary>
    public static HighlightedText Parse(string? marked)
    {
        var parts = new List<Part>();
        var text = marked ?? "";
        var (start, inside) = (0, false);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is Open or Close)
            {
                if (i > start)
                {
                    parts.Add(new Part(text[start..i], inside));
                }
                (start, inside) = (i + 1, text[i] == Open);
            }
        }
        if (start < text.Length)
        {
            parts.Add(new Part(text[start..], inside));
        }
        return new HighlightedText(parts);
    }
}
