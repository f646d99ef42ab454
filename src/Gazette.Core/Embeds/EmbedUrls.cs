using System.Globalization;
using System.Text.RegularExpressions;

namespace Gazette.Core.Embeds;

/// <summary>
/// Which addresses become an embed: a known provider's post, video or episode, matched by exact host (never a
/// suffix, so <c>youtube.com.evil.example</c> is a link) and path shape, on http or https, without user info or
/// port. The frame address is rebuilt from the parsed id alone, so nothing else of the written URL reaches it.
/// </summary>
public static partial class EmbedUrls
{
    private static readonly HashSet<string> YouTubeHosts = ["youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"];
    private static readonly HashSet<string> VimeoHosts = ["vimeo.com", "www.vimeo.com", "player.vimeo.com"];
    private static readonly HashSet<string> XHosts = ["x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com", "mobile.x.com"];

    [GeneratedRegex("^[A-Za-z0-9_-]{11}$", RegexOptions.CultureInvariant)]
    private static partial Regex YouTubeId();

    [GeneratedRegex("^/(?:shorts|embed|live)/([A-Za-z0-9_-]{11})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex YouTubePath();

    [GeneratedRegex(@"^/(?:video/)?(\d{1,20})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex VimeoPath();

    [GeneratedRegex(@"^/[A-Za-z0-9_]{1,15}/status/(\d{1,20})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex XPath();

    [GeneratedRegex(@"^/(@[A-Za-z0-9_]{1,30})/(\d{1,20})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex MastodonPath();

    [GeneratedRegex(@"^/profile/([A-Za-z0-9.:-]{1,253})/post/([A-Za-z0-9]{1,20})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex BlueskyPath();

    [GeneratedRegex(@"^/(?:embed/)?(episode|show)/([A-Za-z0-9]{22})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex SpotifyPath();

    [GeneratedRegex(@"^/([a-z]{2})/podcast/([a-z0-9%-]{0,200}/)?id(\d{1,15})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex ApplePodcastPath();

    /// <summary>A host name of letters, digits and hyphens with a dot: no IP address, no single-label intranet name.</summary>
    [GeneratedRegex(@"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PublicHostName();

    /// <summary>The embed an address stands for, or null when it is to stay a plain link.</summary>
    public static Embed? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2000 || text.Trim() != text
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0 || !uri.IsDefaultPort
            || text.Contains('\\') || text.Any(char.IsControl))
        {
            return null;
        }
        var host = uri.IdnHost.ToLowerInvariant();
        var path = uri.AbsolutePath;
        var query = Query(uri.Query);
        if (YouTubeHosts.Contains(host))
        {
            var id = path is "/watch" or "/watch/" ? query.GetValueOrDefault("v") : YouTubePath().Match(path) is { Success: true } m ? m.Groups[1].Value : null;
            return id is not null && YouTubeId().IsMatch(id) ? YouTube(text, id, query) : null;
        }
        if (host == "youtu.be")
        {
            var id = path.Trim('/');
            return YouTubeId().IsMatch(id) ? YouTube(text, id, query) : null;
        }
        if (VimeoHosts.Contains(host) && VimeoPath().Match(path) is { Success: true } vimeo
            && (host == "player.vimeo.com") == path.StartsWith("/video/", StringComparison.Ordinal))
        {
            return new Embed(EmbedProvider.Vimeo, text, $"https://player.vimeo.com/video/{vimeo.Groups[1].Value}?dnt=1");
        }
        if (XHosts.Contains(host) && XPath().Match(path) is { Success: true } x)
        {
            return new Embed(EmbedProvider.X, text, $"https://platform.twitter.com/embed/Tweet.html?id={x.Groups[1].Value}&dnt=true");
        }
        if (host == "bsky.app" && BlueskyPath().Match(path) is { Success: true } bsky)
        {
            return new Embed(EmbedProvider.Bluesky, text,
                $"https://embed.bsky.app/embed/{bsky.Groups[1].Value.ToLowerInvariant()}/app.bsky.feed.post/{bsky.Groups[2].Value}");
        }
        if (host == "open.spotify.com" && SpotifyPath().Match(path) is { Success: true } spotify)
        {
            return new Embed(EmbedProvider.Spotify, text, $"https://open.spotify.com/embed/{spotify.Groups[1].Value}/{spotify.Groups[2].Value}");
        }
        if (host == "podcasts.apple.com" && ApplePodcastPath().Match(path) is { Success: true } apple)
        {
            var episode = query.GetValueOrDefault("i") is { } i && i.Length <= 15 && i.All(char.IsAsciiDigit) ? $"?i={i}" : "";
            return new Embed(EmbedProvider.ApplePodcasts, text,
                $"https://embed.podcasts.apple.com/{apple.Groups[1].Value}/podcast/{apple.Groups[2].Value}id{apple.Groups[3].Value}{episode}");
        }
        // Any Mastodon server: known only by the shape of a status address, so the host must at least be a public name.
        if (MastodonPath().Match(path) is { Success: true } toot && PublicHostName().IsMatch(host) && uri.Scheme == "https")
        {
            return new Embed(EmbedProvider.Mastodon, text, $"https://{host}/{toot.Groups[1].Value}/{toot.Groups[2].Value}/embed");
        }
        return null;
    }

    /// <summary>YouTube's privacy-enhanced frame, starting where the link asked (<c>t=90</c>, <c>t=1m30s</c>).</summary>
    private static Embed YouTube(string text, string id, Dictionary<string, string> query)
    {
        var start = query.GetValueOrDefault("t") ?? query.GetValueOrDefault("start");
        var seconds = start is null ? 0 : Seconds(start);
        return new Embed(EmbedProvider.YouTube, text,
            $"https://www.youtube-nocookie.com/embed/{id}" + (seconds > 0 ? $"?start={seconds.ToString(CultureInfo.InvariantCulture)}" : ""));
    }

    [GeneratedRegex(@"^(?:(\d{1,2})h)?(?:(\d{1,3})m)?(?:(\d{1,6})s?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex StartTime();

    private static int Seconds(string value)
    {
        var match = StartTime().Match(value);
        if (!match.Success)
        {
            return 0;
        }
        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return Part(1) * 3600 + Part(2) * 60 + Part(3);
    }

    private static Dictionary<string, string> Query(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=');
            var (name, value) = at < 0 ? (pair, "") : (pair[..at], pair[(at + 1)..]);
            values.TryAdd(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value));
        }
        return values;
    }
}
