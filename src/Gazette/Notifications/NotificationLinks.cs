using System.Security.Cryptography;
using Gazette.Infrastructure;
using Gazette.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Gazette.Notifications;

/// <summary>
/// The absolute links of notification mails, made in the background where there is no request: from Site:BaseUrl,
/// else the first address the site listens on (set Site:BaseUrl behind a proxy). Confirmation and follow links are
/// signed (Data Protection), so that nobody can confirm or follow for an address they cannot read.
/// </summary>
public sealed class NotificationLinks(IOptionsMonitor<SiteOptions> site, IServer server, UnsubscribeLinks unsubscribe, IDataProtectionProvider protection)
{
    public const string ConfirmPath = "/mail/confirm";

    private readonly IDataProtector protector = protection.CreateProtector("Gazette.Notifications.v1");

    public string SiteUrl
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(site.CurrentValue.BaseUrl))
            {
                return site.CurrentValue.BaseUrl.TrimEnd('/');
            }
            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return (listening ?? "http://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost").TrimEnd('/');
        }
    }

    public string Absolute(string path) => SiteUrl + path;

    public string Comment(int commentId) => Absolute($"/comments/{commentId}");

    public string Article(string slug) => Absolute($"/articles/{Uri.EscapeDataString(slug)}");

    public string Unsubscribe(string address, string? list) => unsubscribe.Url(SiteUrl, address, list);

    /// <summary>Confirms <paramref name="address"/>, and follows <paramref name="articleId"/> with it when given.</summary>
    public string Confirm(string address, int? articleId = null) =>
        Absolute($"{ConfirmPath}?t={Uri.EscapeDataString(protector.Protect($"{articleId}\n{MailSuppression.Normalize(address)}"))}");

    public (string Address, int? ArticleId)? ReadConfirm(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var parts = protector.Unprotect(token).Split('\n', 2);
            return parts.Length == 2 ? (parts[1], int.TryParse(parts[0], out var id) ? id : null) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
