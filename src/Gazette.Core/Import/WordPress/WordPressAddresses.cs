using System.Text.RegularExpressions;

namespace Gazette.Core.Import.WordPress;

/// <summary>
/// Where an old WordPress address leads on Gazette, when it is not a post's own permalink: a list (<see cref="Path"/>),
/// or something of a post (<see cref="PostKey"/>, the post's own address, then <see cref="Suffix"/> on the article's).
/// </summary>
public sealed record OldTarget(string? Path, string? PostKey = null, string Suffix = "");

/// <summary>
/// WordPress's own addresses for what is not one post, mapped to Gazette's: <c>/category/parent/child/</c> (nested
/// categories are flattened: the last one names it), <c>/tag/…/</c>, <c>/author/…/</c>, <c>/yyyy/mm/</c> and
/// <c>/yyyy/</c> archives, <c>/feed/</c> and <c>/comments/feed/</c> (and <c>?feed=rss2</c>), a post's comment feed
/// (<c>/post/feed/</c>) and its pages of comments (<c>/post/comment-page-2/</c>), each list's <c>/page/N/</c>.
/// Input is an address key (<see cref="AddressKey"/>: host left out, lower case, no trailing slash, query sorted).
/// </summary>
public static partial class WordPressAddresses
{
    [GeneratedRegex(@"/page/\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex Paging();

    [GeneratedRegex(@"^/(?<kind>category|tag|author)(?:/[^/?]+)*/(?<slug>[^/?]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Term();

    [GeneratedRegex(@"^/(?<y>\d{4})(?:/(?<m>\d{2})(?:/(?<d>\d{2}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateArchive();

    [GeneratedRegex(@"^(?<post>/.+?)/(?:feed(?:/(?:rss2?|atom|rdf))?|comment-page-\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex OfPost();

    [GeneratedRegex(@"^(?:\?|.*&)feed=(?<feed>[a-z0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FeedQuery();

    public static OldTarget? Resolve(string key)
    {
        if (FeedQuery().Match(key) is { Success: true } query && key.StartsWith('?'))
        {
            return new OldTarget(query.Groups["feed"].Value.StartsWith("comments", StringComparison.Ordinal) ? "/comments/feed"
                : query.Groups["feed"].Value == "atom" ? "/feed/atom" : "/feed");
        }
        if (key.Contains('?', StringComparison.Ordinal))
        {
            return null;
        }
        var path = Paging().Replace(key, "");
        var feed = "";
        if (path is "/feed" or "/feed/rss" or "/feed/rss2" or "/feed/rdf" or "/rss" or "/rss2")
        {
            return new OldTarget("/feed");
        }
        if (path == "/feed/atom")
        {
            return new OldTarget("/feed/atom");
        }
        if (path.StartsWith("/comments/feed", StringComparison.Ordinal))
        {
            return new OldTarget("/comments/feed");
        }
        if (path.EndsWith("/feed", StringComparison.Ordinal) && Term().IsMatch(path[..^5]))
        {
            path = path[..^5];
            feed = "/feed";
        }
        if (Term().Match(path) is { Success: true } term)
        {
            return new OldTarget($"/{term.Groups["kind"].Value}/{term.Groups["slug"].Value}{feed}");
        }
        if (DateArchive().Match(path) is { Success: true } date)
        {
            return new OldTarget(date.Groups["m"].Success ? $"/archive/{date.Groups["y"].Value}/{int.Parse(date.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture)}" : $"/archive/{date.Groups["y"].Value}");
        }
        if (OfPost().Match(path) is { Success: true } ofPost)
        {
            return new OldTarget(null, ofPost.Groups["post"].Value, path.Contains("/feed", StringComparison.Ordinal) ? "/comments/feed" : "");
        }
        return null;
    }
}
