using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Gazette.Mail;

/// <summary>
/// Signed one-click unsubscribe links (ASP.NET Core Data Protection): a token names one address and one list ("*" for
/// all mail), so it cannot be guessed, nor changed to leave another address or another list. It does not expire: a
/// link in a mail kept for a year still works, as RFC 8058 expects.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection)
{
    public const string Path = "/mail/unsubscribe";

    private readonly IDataProtector protector = protection.CreateProtector("Gazette.Mail.Unsubscribe.v1");

    public string Token(string address, string? list) =>
        protector.Protect($"{(string.IsNullOrEmpty(list) ? MailSuppression.AnyList : list)}\n{MailSuppression.Normalize(address)}");

    /// <summary>The address and list a token names, or null for a token this site did not make.</summary>
    public (string Address, string List)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var parts = protector.Unprotect(token).Split('\n', 2);
            return parts.Length == 2 ? (parts[1], parts[0]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The link for List-Unsubscribe and the mail's footer: <paramref name="siteUrl"/> is the site's address (https://news.example.org).</summary>
    public string Url(string siteUrl, string address, string? list) =>
        $"{siteUrl.TrimEnd('/')}{Path}?t={Uri.EscapeDataString(Token(address, list))}";
}
