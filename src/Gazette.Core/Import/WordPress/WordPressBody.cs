using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Gazette.Core.Import.WordPress;

/// <summary>An attachment of the old site, as a gallery or caption needs it.</summary>
public sealed record WordPressMedia(long Id, string Url, string? Alt, string? Caption, long ParentId, int MenuOrder);

/// <summary>
/// A post's body as WordPress stored it, made into the HTML WordPress showed: the shortcodes it ships with expanded
/// (<c>[caption]</c>, <c>[gallery]</c>, <c>[embed]</c>), a media address alone on a line made a link in an embed figure
/// (WordPress embeds it from the other site; Gazette's renderer makes it a click-to-load facade when the provider is
/// one it knows, <see cref="Text.ArticleMarkdown"/>, and a link it stays otherwise), and
/// paragraphs made from blank lines (<see cref="AutoParagraphs"/>). Other shortcodes are a plugin's and stay as text,
/// as WordPress shows them without it. The result is still to be sanitized, as any article body is.
/// </summary>
public static partial class WordPressBody
{
    /// <summary>WordPress's marker of the teaser's end, in the classic editor and the block editor alike.</summary>
    public const string More = "<!--more-->";

    [GeneratedRegex(@"\[(\[?)(caption|wp_caption|gallery|embed)(?![\w-])([^\]]*?)(/?)\](?:(.*?)\[/\2\])?(\]?)", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shortcode();

    [GeneratedRegex(@"([\w-]+)\s*=\s*""([^""]*)""|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'""]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();

    [GeneratedRegex(@"^[ \t]*(https?://[^\s<>""]+)[ \t]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex AddressAlone();

    [GeneratedRegex(@"<!--\s*more(?:\s[^>]*)?-->", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoreMarker();

    [GeneratedRegex(@"^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)\s*(.*)$", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaptionedImage();

    /// <param name="media">An attachment by its id, if the export holds it.</param>
    /// <param name="mediaOf">The attachments of this post, for a gallery that names none.</param>
    public static string ToHtml(string content, Func<long, WordPressMedia?> media, Func<IEnumerable<WordPressMedia>> mediaOf)
    {
        var text = MoreMarker().Replace(content, More);
        text = Shortcode().Replace(text, match => Expand(match, media, mediaOf));
        text = AddressAlone().Replace(text, match => Embed(match.Groups[1].Value));
        return AutoParagraphs.Apply(text);
    }

    /// <summary>The text before the "more" marker, if the body has one: WordPress's teaser, the excerpt it showed in lists.</summary>
    public static string? Teaser(string content) =>
        MoreMarker().Match(content) is { Success: true } more ? content[..more.Index] : null;

    private static string Expand(Match match, Func<long, WordPressMedia?> media, Func<IEnumerable<WordPressMedia>> mediaOf)
    {
        // [[gallery]] is how a post shows the shortcode itself.
        if (match.Groups[1].Length > 0 && match.Groups[6].Length > 0)
        {
            return match.Value[1..^1];
        }
        var attributes = Attributes(match.Groups[3].Value);
        var inner = match.Groups[5].Value;
        return match.Groups[2].Value.ToLowerInvariant() switch
        {
            "caption" or "wp_caption" => Caption(attributes, inner),
            "gallery" => Gallery(attributes, media, mediaOf),
            _ => inner.Trim() is { Length: > 0 } address ? Embed(address) : attributes.GetValueOrDefault("url") is { } url ? Embed(url) : "",
        };
    }

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in Attribute().Matches(text))
        {
            var (name, value) = match.Groups[1].Success ? (match.Groups[1].Value, match.Groups[2].Value)
                : match.Groups[3].Success ? (match.Groups[3].Value, match.Groups[4].Value)
                : (match.Groups[5].Value, match.Groups[6].Value);
            attributes[name] = WebUtility.HtmlDecode(value);
        }
        return attributes;
    }

    private static string Caption(Dictionary<string, string> attributes, string inner)
    {
        var image = CaptionedImage().Match(inner);
        var picture = image.Success ? image.Groups[1].Value : inner.Trim();
        var caption = image.Success && image.Groups[2].Value.Trim().Length > 0 ? image.Groups[2].Value.Trim() : attributes.GetValueOrDefault("caption") ?? "";
        var align = attributes.GetValueOrDefault("align") is { Length: > 0 } a ? $" class=\"{Encode(a)}\"" : "";
        return $"<figure{align}>{picture}" + (caption.Length > 0 ? $"<figcaption>{caption}</figcaption>" : "") + "</figure>";
    }

    private static string Gallery(Dictionary<string, string> attributes, Func<long, WordPressMedia?> media, Func<IEnumerable<WordPressMedia>> mediaOf)
    {
        var ids = (attributes.GetValueOrDefault("ids") ?? attributes.GetValueOrDefault("include"))?
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var items = ids is not null
            ? ids.Select(id => long.TryParse(id, out var n) ? media(n) : null).OfType<WordPressMedia>()
            : mediaOf().OrderBy(m => m.MenuOrder).ThenBy(m => m.Id);
        var html = new StringBuilder("<figure class=\"gallery\">");
        foreach (var item in items)
        {
            html.Append($"<figure><img src=\"{Encode(item.Url)}\" alt=\"{Encode(item.Alt ?? "")}\" loading=\"lazy\">");
            if (!string.IsNullOrWhiteSpace(item.Caption))
            {
                html.Append($"<figcaption>{Encode(item.Caption)}</figcaption>");
            }
            html.Append("</figure>");
        }
        return html.Append("</figure>").ToString();
    }

    private static string Embed(string address) =>
        $"<figure class=\"embed\"><a href=\"{Encode(address)}\">{Encode(address)}</a></figure>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
