using Gazette.Core.Accounts;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Accounts;

/// <summary>
/// Names that belong to someone: every account's display name and every byline's. Nobody else may write under one, as a
/// guest or as a new or renamed member, however they spell it (<see cref="NameSkeleton"/>: case, accents and look-alike
/// letters aside). One indexed query on the stored skeletons.
/// </summary>
public sealed class ReservedNames(GazetteDb db)
{
    /// <summary>Whether <paramref name="name"/> is someone else's; <paramref name="ownerUserId"/> may use their own.</summary>
    public async Task<bool> IsTakenAsync(string? name, string? ownerUserId, CancellationToken cancellationToken)
    {
        if (NameSkeleton.Of(name) is not { } key)
        {
            return false;
        }
        var owner = ownerUserId ?? "";
        return await db.Users.Where(u => u.DisplayNameSkeleton == key && u.Id != owner).Select(u => 1)
            .Concat(db.Authors.Where(a => a.NameSkeleton == key && (a.UserId == null || a.UserId != owner)).Select(a => 1))
            .AnyAsync(cancellationToken);
    }

    /// <summary>What a guest is told: why, and what to do instead (their text is kept by whoever shows this).</summary>
    public static string TakenByMember(string name) =>
        $"“{name.Trim()}” is the name of someone on this site (or looks just like it). If it is yours, sign in to comment under it; otherwise choose another name.";

    /// <summary>What someone choosing a display name for an account is told.</summary>
    public static string TakenForAccount(string name) =>
        $"“{name.Trim()}” is the name of someone on this site (or looks just like it): choose another display name.";
}
