using System.Text;
using System.Text.RegularExpressions;

namespace Gazette.Core.Text;

/// <summary>
/// Images in an article body, as the editor writes them in Markdown: the image alone on a line, then optionally one
/// line with the caption in emphasis and the credit after an em dash:
/// <code>
/// ![A tiny processor core](/media/uploads/3f…-960.jpg)
/// *The core on its test board* — Photo: Ada Lovelace
/// </code>
/// (or <c>*caption*</c> alone, or <c>— credit</c> alone). The article renderer turns that paragraph into a
/// <c>figure</c> with a <c>figcaption</c>; without it, it still reads as an image and a line of text.
/// </summary>
public static partial class BodyImages
{
    public const string CreditSeparator = " — ";

    /// <summary>The Markdown for an image; caption and credit are optional. Text is escaped so it stays text.</summary>
    public static string Markdown(string alt, string url, string? caption, string? credit)
    {
        var markdown = new StringBuilder($"![{Escape(alt)}]({url})");
        var captionText = Escape(caption);
        var creditText = Escape(credit);
        if (captionText.Length > 0 || creditText.Length > 0)
        {
            markdown.Append('\n');
            if (captionText.Length > 0)
            {
                markdown.Append('*').Append(captionText).Append('*');
            }
            if (creditText.Length > 0)
            {
                markdown.Append(captionText.Length > 0 ? CreditSeparator : CreditSeparator.TrimStart()).Append(creditText);
            }
        }
        return markdown.ToString();
    }

    /// <summary>The uploads a body shows ("uploads/{hash}", as stored), found by their address: /media/uploads/{hash}-….</summary>
    public static IReadOnlySet<string> UploadPaths(string? markdown)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(markdown))
        {
            return paths;
        }
        foreach (Match match in UploadAddress().Matches(markdown))
        {
            paths.Add($"uploads/{match.Groups["hash"].Value}");
        }
        return paths;
    }

    /// <summary>One line of text, with Markdown's punctuation escaped so that it is shown as typed.</summary>
    private static string Escape(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var escaped = new StringBuilder(text.Length);
        foreach (var c in string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim())
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '(' or ')' or '<' or '>' or '`' or '!' or '#' or '|' or '~')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    [GeneratedRegex(@"/media/uploads/(?<hash>[0-9a-f]{32})-", RegexOptions.CultureInvariant)]
    private static partial Regex UploadAddress();
}
