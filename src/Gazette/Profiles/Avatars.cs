using System.Collections.Concurrent;
using Gazette.Core.Accounts;
using Microsoft.Net.Http.Headers;

namespace Gazette.Profiles;

/// <summary>
/// Pictures beside names. A member's upload is media (<see cref="AvatarUploads"/>); anyone else's is drawn here from a
/// hash of who they are (<see cref="Identicon"/>): the address names nobody, and no third party is asked for anything.
/// </summary>
public static class Avatars
{
    /// <summary>The size pages draw a picture at, in CSS pixels.</summary>
    public const int Size = 32;

    public static IEndpointRouteBuilder MapAvatars(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/avatars/{key}.svg", Drawn).ExcludeFromDescription();
        return routes;
    }

    public static string UrlOf(string userId, string? uploadedPath) =>
        uploadedPath is not null ? $"/media/{uploadedPath}" : Generated($"account:{userId}");

    public static string Generated(string identity)
    {
        // Remembered: a page of 300 guests' comments hashed 300 identities (SHA-256 through OpenSSL) on every render.
        if (GeneratedUrls.TryGetValue(identity, out var url))
        {
            return url;
        }
        url = $"/avatars/{Identicon.KeyOf(identity)}.svg";
        if (GeneratedUrls.Count >= MostRemembered)
        {
            GeneratedUrls.Clear();
        }
        GeneratedUrls[identity] = url;
        return url;
    }

    private const int MostRemembered = 50_000;
    private static readonly ConcurrentDictionary<string, string> GeneratedUrls = new();

    /// <summary>The same key always draws the same picture, so it is kept for a year; it runs nothing (no script in it, none allowed).</summary>
    internal static IResult Drawn(string key, HttpContext context)
    {
        if (!Identicon.IsKey(key))
        {
            return TypedResults.NotFound();
        }
        var headers = context.Response.Headers;
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'";
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return TypedResults.Text(Identicon.Svg(key), "image/svg+xml");
    }
}
