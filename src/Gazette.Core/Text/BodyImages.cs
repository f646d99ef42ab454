using System.Text;
using System.Text.RegularExpressions;

namespace Gazette.Core.Text;

/// <summary>
/// Images in an article body, as the editor and the media library write them in Markdown: the image alone in its
/// paragraph, its title holding the caption and, after <see cref="ArticleBodyBlocks.CreditSeparator"/>, the credit:
/// <code>
/// ![A tiny processor core](/media/uploads/3f…-960.jpg "The core on its test board | Photo: Ada Lovelace")
/// </code>
/// which the article renderer (<see cref="ArticleBodyBlocks"/>) turns into a <c>figure</c> with a <c>figcaption</c>.
/// </summary>
public static partial class BodyImages
{
    /// <summary>The Markdown for an image; caption and credit are optional. Text is escaped so it stays text.</summary>
    public static string Markdown(string alt, string url, string? caption, string? credit)
    {
        var markdown = new StringBuilder($"![{Escape(alt)}]({url}");
        var captionText = OneLine(caption);
        var creditText = OneLine(credit);
        if (captionText.Length > 0 || creditText.Length > 0)
        {
            var title = creditText.Length == 0 ? captionText
                : captionText.Length == 0 ? ArticleBodyBlocks.CreditSeparator.TrimStart() + creditText
                : captionText + ArticleBodyBlocks.CreditSeparator + creditText;
            // In a quoted title only the quote and the backslash need escaping; Markdown's other punctuation is text there.
            markdown.Append(" \"").Append(title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }
        return markdown.Append(')').ToString();
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

    private static string OneLine(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    /// <summary>One line of text, with Markdown's punctuation escaped so that it is shown as typed.</summary>
    private static string Escape(string? text)
    {
        var line = OneLine(text);
        var escaped = new StringBuilder(line.Length);
        foreach (var c in line)
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
