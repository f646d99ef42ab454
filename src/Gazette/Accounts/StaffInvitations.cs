using System.Text;
using Gazette.Accounts.Mail;
using Gazette.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Gazette.Accounts;

/// <summary>
/// An account made for someone else, without a password (an administrator's invitation, or an author the WordPress
/// importer brings): its owner is mailed a link that chooses one, on the password-reset page. The link is Identity's
/// reset token, so it works once and for <c>DataProtectionTokenProviderOptions.TokenLifespan</c> (a day); after that,
/// "forgot password" sends another.
/// </summary>
public sealed class StaffInvitations(UserManager<GazetteUser> users, IAccountMail mail)
{
    /// <summary>
    /// Queues the invitation in <paramref name="db"/> (the caller saves, with the account if it is new).
    /// <paramref name="siteBase"/> is the site's address (Site:BaseUrl) the link is built on.
    /// </summary>
    public async Task InviteAsync(GazetteDb db, GazetteUser user, Uri siteBase, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Email);
        // An account added straight to the database has no stamp yet; the token is bound to the one saved with it.
        user.SecurityStamp ??= Guid.NewGuid().ToString("N").ToUpperInvariant();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var link = new Uri(siteBase, $"/account/reset-password?email={Uri.EscapeDataString(user.Email)}&code={code}&invited=true");
        await mail.QueueAsync(db, new AccountMessage(AccountMessageKind.Invitation, user.Email, user.DisplayName, link.AbsoluteUri), cancellationToken);
    }
}
