using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gazette.Accounts;

/// <summary>
/// Puts the reader's display name in their sign-in cookie, so the header can greet them without a database look-up.
/// Identity calls it at sign-in and whenever it revalidates the cookie.
/// </summary>
public sealed class GazetteClaimsFactory(
    UserManager<GazetteUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<GazetteUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(GazetteUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
