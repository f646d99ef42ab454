using System.Net;
using System.Text.RegularExpressions;

namespace Gazette.Core.Embeds;

/// <summary>
/// An embed as the page shows it before anyone asks for it: a card naming the provider with a plain link to the
/// original, and a button (shown by <c>js/embeds.js</c>) that puts the provider's frame in its place. Nothing on the
/// card comes from the third party, so a reader's browser asks it for nothing until the click.
/// </summary>
public static partial class EmbedFacade
{
    [GeneratedRegex("""<button type="button" class="embed-load" hidden data-embed-src="https://([a-z0-9.-]+)/""", RegexOptions.CultureInvariant)]
    private static partial Regex FrameSource();

    /// <summary>The origins (<c>https://host</c>) a rendered body's embeds load their frames from, for the page's frame-src.</summary>
    public static IReadOnlyCollection<string> FrameOrigins(string html)
    {
        if (!html.Contains("data-embed-src", StringComparison.Ordinal))
        {
            return [];
        }
        return FrameSource().Matches(html).Select(m => "https://" + m.Groups[1].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public static string Html(Embed embed)
    {
        var name = WebUtility.HtmlEncode(embed.ProviderName);
        var url = WebUtility.HtmlEncode(embed.Url);
        var what = $"{embed.ProviderName} {embed.Kind}";
        return $"<div class=\"embed embed-{embed.Kind} embed-{embed.Provider.ToString().ToLowerInvariant()}\">" +
            $"<p class=\"embed-provider\">{name} {embed.Kind}</p>" +
            $"<p class=\"embed-link\"><a href=\"{url}\">{url}</a></p>" +
            $"<button type=\"button\" class=\"embed-load\" hidden data-embed-src=\"{WebUtility.HtmlEncode(embed.FrameUrl)}\" " +
            $"data-embed-title=\"{WebUtility.HtmlEncode(what)}\">Show the {WebUtility.HtmlEncode(embed.Kind)} here</button>" +
            $"<p class=\"embed-note\" hidden>Showing it loads it from {WebUtility.HtmlEncode(embed.FrameHost)}, which may set cookies.</p>" +
            "</div>";
    }
}
