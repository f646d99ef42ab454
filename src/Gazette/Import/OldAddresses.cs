using Gazette.Core.Import;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Import;

/// <summary>The old site's addresses of imported articles, kept (<see cref="OldAddress"/>) and looked up.</summary>
public static class OldAddresses
{
    private const string AnyHost = "old.invalid";

    /// <summary>
    /// The key of an address on the old site, its host left out (the site moved): <see cref="AddressKey"/> of its path
    /// and query, so that <c>/2019/05/a-story/</c>, <c>/2019/05/A-Story</c> and <c>/2019/05/a-story/?utm_source=x</c>
    /// meet. Null for an address of another site (not one of <paramref name="oldHosts"/>) or one too long to keep.
    /// </summary>
    public static string? KeyOf(string? address, IReadOnlyCollection<string> oldHosts)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }
        var text = address.Trim();
        if (text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal))
        {
            text = "http://" + AnyHost + text;
        }
        else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !oldHosts.Contains(AddressKey.Host(uri.Host)))
        {
            return null;
        }
        var key = AddressKey.Of(text, [.. oldHosts, AnyHost]);
        if (key is null || key.Length > OldAddress.MaxPathLength)
        {
            return null;
        }
        return key.Length == 0 ? "/" : key;
    }

    /// <summary>The request's path and query as a key (<see cref="KeyOf"/>).</summary>
    public static string? KeyOfRequest(HttpRequest request) => KeyOf(request.Path.Value + request.QueryString.Value, []);

    /// <summary>Adds (unsaved) each address not kept yet, for the article.</summary>
    public static async Task<int> AddAsync(GazetteDb db, int articleId, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.Where(k => k != "/").Distinct().ToList();
        if (wanted.Count == 0)
        {
            return 0;
        }
        var kept = (await db.OldAddresses.Where(a => wanted.Contains(a.Path)).Select(a => a.Path).ToListAsync(cancellationToken)).ToHashSet();
        // Added earlier in this batch, not saved yet.
        kept.UnionWith(db.OldAddresses.Local.Where(a => wanted.Contains(a.Path)).Select(a => a.Path));
        var added = 0;
        foreach (var key in wanted.Except(kept))
        {
            db.OldAddresses.Add(new OldAddress { Path = key, ArticleId = articleId });
            added++;
        }
        return added;
    }
}
