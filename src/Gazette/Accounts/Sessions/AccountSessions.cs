using Gazette.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Accounts.Sessions;

/// <summary>Ending a member's sessions: every one ("sign out everywhere", a new password), or all but this browser's.</summary>
public sealed class AccountSessionEnder(GazetteDb db, UserManager<GazetteUser> users)
{
    /// <summary>
    /// Deletes the member's sessions and changes their security stamp, which also voids links sent before (a password
    /// reset, an address change) and any cookie issued without the session store.
    /// </summary>
    public async Task EndAllAsync(GazetteUser user, CancellationToken cancellationToken = default)
    {
        await db.AccountSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await users.UpdateSecurityStampAsync(user);
    }
}
