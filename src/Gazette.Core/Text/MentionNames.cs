using System.Net;
using System.Text;

namespace Gazette.Core.Text;

/// <summary>
/// Who can be mentioned in one discussion: the names its comments are shown under, each with the id of that name's latest
/// comment there. <see cref="Link"/> turns "@Name" in a comment's stored HTML into a link to it, at render time, so a
/// mention made before the person commented still links once they have. The rule for names with spaces: after "@", the
/// longest name of the discussion that the text starts with (case aside) and that ends where a word ends ("@Ana Lee" is
/// Ana Lee when she commented here, else Ana); an "@" inside a word (an e-mail address), a link or code is left alone.
/// </summary>
public sealed class MentionNames
{
    private readonly List<(string Name, int CommentId)> longestFirst;

    public MentionNames(IEnumerable<(string Name, int CommentId)> names)
    {
        var latest = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, id) in names)
        {
            var trimmed = name.Trim();
            if (trimmed.Length > 0 && (!latest.TryGetValue(trimmed, out var known) || id > known))
            {
                latest[trimmed] = id;
            }
        }
        longestFirst = latest.Select(pair => (pair.Key, pair.Value)).OrderByDescending(pair => pair.Key.Length).ToList();
    }

    public int Count => longestFirst.Count;

    /// <summary>Whether a comment's HTML may hold a mention at all: most do not, and are shown as stored.</summary>
    public static bool MayMention(string html) => html.Contains('@', StringComparison.Ordinal);

    /// <summary>
    /// The comment's sanitized HTML with each mention of a known name made a link (<c>a class="mention"</c>) to
    /// <paramref name="href"/> of that name's latest comment. Only text between tags changes, decoded and encoded again.
    /// </summary>
    public string Link(string html, Func<int, string> href)
    {
        if (longestFirst.Count == 0 || !MayMention(html))
        {
            return html;
        }
        StringBuilder? linked = null;
        var leftAlone = 0; // depth inside <a> or <code>: their text is never linked
        var copiedTo = 0;
        var at = 0;
        while (at < html.Length)
        {
            if (html[at] == '<')
            {
                var end = TagEnd(html, at);
                var (name, closing) = TagName(html, at);
                if (name is "a" or "code")
                {
                    leftAlone = Math.Max(0, leftAlone + (closing ? -1 : 1));
                }
                at = end;
                continue;
            }
            var next = html.IndexOf('<', at);
            var textEnd = next < 0 ? html.Length : next;
            if (leftAlone == 0 && html.IndexOf('@', at, textEnd - at) >= 0 && LinkText(WebUtility.HtmlDecode(html[at..textEnd]), href) is { } replaced)
            {
                linked ??= new StringBuilder(html.Length + 64);
                linked.Append(html, copiedTo, at - copiedTo).Append(replaced);
                copiedTo = textEnd;
            }
            at = textEnd;
        }
        return linked is null ? html : linked.Append(html, copiedTo, html.Length - copiedTo).ToString();
    }

    private string? LinkText(string text, Func<int, string> href)
    {
        StringBuilder? result = null;
        var copied = 0;
        for (var at = text.IndexOf('@'); at >= 0 && at < text.Length; at = text.IndexOf('@', at + 1))
        {
            if (at > 0 && (char.IsLetterOrDigit(text[at - 1]) || text[at - 1] is '_' or '.' or '-' or '@'))
            {
                continue; // inside a word: an address, not a mention
            }
            var match = longestFirst.FirstOrDefault(n => at + 1 + n.Name.Length <= text.Length
                && string.Compare(text, at + 1, n.Name, 0, n.Name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (at + 1 + n.Name.Length == text.Length || !char.IsLetterOrDigit(text[at + 1 + n.Name.Length])));
            if (match.Name is null)
            {
                continue;
            }
            result ??= new StringBuilder(text.Length + 64);
            var length = 1 + match.Name.Length;
            result.Append(WebUtility.HtmlEncode(text[copied..at]))
                .Append("<a class=\"mention\" href=\"").Append(WebUtility.HtmlEncode(href(match.CommentId))).Append("\">")
                .Append(WebUtility.HtmlEncode(text.Substring(at, length))).Append("</a>");
            copied = at + length;
            at = copied - 1;
        }
        return result?.Append(WebUtility.HtmlEncode(text[copied..])).ToString();
    }

    /// <summary>Just past the tag that starts at <paramref name="start"/>: its closing '>' outside quoted attribute values.</summary>
    private static int TagEnd(string html, int start)
    {
        char? quote = null;
        for (var i = start + 1; i < html.Length; i++)
        {
            var c = html[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }
        return html.Length;
    }

    private static (string Name, bool Closing) TagName(string html, int start)
    {
        var i = start + 1;
        var closing = i < html.Length && html[i] == '/';
        if (closing)
        {
            i++;
        }
        var from = i;
        while (i < html.Length && char.IsAsciiLetterOrDigit(html[i]))
        {
            i++;
        }
        return (html[from..i].ToLowerInvariant(), closing);
    }
}
