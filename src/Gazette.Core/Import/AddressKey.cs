namespace Gazette.Core.Import;

/// <summary>
/// An old address reduced to what names the page, so that two spellings of one page meet: scheme, <c>www.</c>, the
/// case of the host, a trailing slash, the fragment and tracking or view parameters (<c>utm_*</c>, <c>fbclid</c>,
/// <c>gclid</c>, <c>amp</c>, …) make no difference; the remaining query (<c>?p=123</c>) does, sorted. A host the site
/// moved from (<c>--old-base-url</c>) counts as the site's own host: <c>old.example/2019/a/</c> and
/// <c>news.example/2019/a</c> give one key when old.example moved to news.example.
/// </summary>
public static class AddressKey
{
    private static readonly HashSet<string> Noise = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "amp", "_ga", "ref", "replytocom", "share", "noamp",
    };

    /// <summary>The key of an absolute address; null for anything that is not an http(s) address.</summary>
    /// <param name="sameHosts">Hosts that are one site (the old base addresses' and the new one's): they give one key.</param>
    public static string? Of(string? address, IReadOnlyCollection<string>? sameHosts = null)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }
        var text = address.Trim();
        if (text.StartsWith("//", StringComparison.Ordinal))
        {
            text = "http:" + text;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }
        var host = Host(uri.Host);
        if (sameHosts is not null && sameHosts.Select(Host).Contains(host))
        {
            host = "";
        }
        var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimEnd('/');
        if (path.EndsWith("/amp", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^4];
        }
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !IsNoise(pair.Split('=')[0]))
            .Order(StringComparer.Ordinal)
            .ToList();
        return host + path.ToLowerInvariant() + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    /// <summary>A host as given in a setting or an address: lower case, without <c>www.</c> or a port.</summary>
    public static string Host(string host)
    {
        host = host.Trim().ToLowerInvariant();
        if (Uri.TryCreate(host.Contains("://", StringComparison.Ordinal) ? host : "http://" + host, UriKind.Absolute, out var uri))
        {
            host = uri.Host;
        }
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static bool IsNoise(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || Noise.Contains(name);
}
