using Gazette.Accounts;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Administration;

/// <summary>Who holds the Administrator role: whether anyone does yet (the setup page), and how many (the last one stays).</summary>
public static class Administrators
{
    private static readonly string NormalizedRole = Roles.Administrator.ToUpperInvariant();

    public static IQueryable<string> UserIds(GazetteDb db) =>
        from userRole in db.UserRoles
        join role in db.Roles on userRole.RoleId equals role.Id
        where role.NormalizedName == NormalizedRole
        select userRole.UserId;

    public static Task<bool> AnyAsync(GazetteDb db, CancellationToken cancellationToken) => UserIds(db).AnyAsync(cancellationToken);

    public static Task<int> CountAsync(GazetteDb db, CancellationToken cancellationToken) => UserIds(db).CountAsync(cancellationToken);
}
