using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace Gazette.Comments;

/// <summary>
/// Who is writing or voting: a member (their account) or a guest (a random key kept in a signed, encrypted
/// cookie, of which comments and votes store only a hash), plus a keyed hash of their IP address.
/// </summary>
public sealed record Reader(string? UserId, string? AccountName, string? GuestKeyHash, string? IpHash)
{
    public bool IsMember => UserId is not null;

    /// <summary>The key a vote is stored under: one per account, or one per guest cookie.</summary>
    public string VoterKey => IsMember ? $"u:{UserId}" : $"g:{GuestKeyHash}";

    public bool Wrote(string? commentUserId, string? commentGuestKeyHash) =>
        IsMember ? commentUserId == UserId : commentUserId is null && commentGuestKeyHash is not null && commentGuestKeyHash == GuestKeyHash;
}

/// <summary>Reads and issues the guest cookie, and tells who the current reader is.</summary>
public sealed class Readers(IDataProtectionProvider protection, IpHasher ipHasher)
{
    public const string GuestCookie = "gazette_reader";
    public const string DisplayNameClaim = "display_name";

    private readonly IDataProtector protector = protection.CreateProtector("Gazette.Comments.GuestKey");

    /// <summary>The reader of this request, without issuing anything: a guest with no cookie has no guest key.</summary>
    /// <remarks>
    /// Worked out once per request and signed-in user (the rate limiter asks, then the endpoint): reading the guest cookie
    /// decrypts it, and the address is hashed with a key.
    /// </remarks>
    public Reader Current(HttpContext context)
    {
        var user = context.User;
        if (context.Items.TryGetValue(typeof(Reader), out var known) && known is KnownReader { } kept && ReferenceEquals(kept.User, user))
        {
            return kept.Reader;
        }
        var reader = user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? new Reader(userId, user.FindFirstValue(DisplayNameClaim) ?? user.Identity.Name, null, Ip(context))
            : new Reader(null, null, GuestKey(context) is { } key ? HashKey(key) : null, Ip(context));
        context.Items[typeof(Reader)] = new KnownReader(user, reader);
        return reader;
    }

    private sealed record KnownReader(ClaimsPrincipal User, Reader Reader);

    /// <summary>The reader, giving a guest a key (and its cookie) if they have none yet: done when they first write or vote.</summary>
    public Reader CurrentOrNewGuest(HttpContext context)
    {
        var reader = Current(context);
        if (reader.IsMember || reader.GuestKeyHash is not null)
        {
            return reader;
        }
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(GuestCookie, protector.Protect(key), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
        });
        // Later requests of this same response (none today) and the page cache see the new guest at once.
        context.Items[GuestCookie] = key;
        var guest = reader with { GuestKeyHash = HashKey(key) };
        context.Items[typeof(Reader)] = new KnownReader(context.User, guest);
        return guest;
    }

    public static bool HasParticipantCookie(HttpRequest request) =>
        request.Cookies.ContainsKey(GuestCookie) || request.Cookies.ContainsKey("gazette_session");

    private string? GuestKey(HttpContext context)
    {
        if (context.Items.TryGetValue(GuestCookie, out var issued) && issued is string fresh)
        {
            return fresh;
        }
        if (!context.Request.Cookies.TryGetValue(GuestCookie, out var value))
        {
            return null;
        }
        if (opened.TryGetValue(value, out var known))
        {
            return known;
        }
        string key;
        try
        {
            key = protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null; // forged, or from keys this site no longer has: a stranger, then
        }
        if (opened.Count >= OpenedCookiesKept)
        {
            opened.Clear();
        }
        opened[value] = key;
        return key;
    }

    /// <summary>
    /// Guest cookies already opened, by their exact value: opening one (a key derived, a MAC checked, a decryption) cost a
    /// post more than its rate limit and screening together (issue 11), and a guest sends the same cookie for a year. Only a
    /// cookie that opened is kept, so nothing forged gets in; the set is emptied when full.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> opened = new(StringComparer.Ordinal);

    private const int OpenedCookiesKept = 10_000;

    private string? Ip(HttpContext context) => ipHasher.Hash(context.Connection.RemoteIpAddress);

    private static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));
}
