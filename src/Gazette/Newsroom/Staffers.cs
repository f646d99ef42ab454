using System.Security.Claims;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Core.Text;
using Gazette.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>
/// The signed-in staff member as the newsroom sees them. Editors and Administrators (<see cref="MayPublish"/>) edit
/// and publish anyone's articles; an Author sees and edits only the articles with their own byline among its bylines.
/// </summary>
public sealed record Staffer(string UserId, string Name, bool MayPublish, int? OwnAuthorId)
{
    /// <summary>Editors may edit any article; an Author those under one of whose bylines they write.</summary>
    public bool MayEdit(IEnumerable<string?> bylineUserIds) => MayPublish || bylineUserIds.Contains(UserId);
}

public sealed class Staffers(GazetteDb db, IAuthorizationService authorization)
{
    public async Task<Staffer> CurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Staff pages are for signed-in users.");
        var name = user.FindFirstValue(GazetteClaimsFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "Staff";
        var mayPublish = (await authorization.AuthorizeAsync(user, StaffPolicies.Publish)).Succeeded;
        var ownAuthorId = await db.Authors.Where(a => a.UserId == userId).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        return new Staffer(userId, name, mayPublish, ownAuthorId);
    }

    /// <summary>
    /// The staff member's own byline, made on their first article from their display name (with a number added when
    /// another author has that address). Call inside the write's transaction; saved with it.
    /// </summary>
    public async Task<Author> OwnAuthorAsync(Staffer staffer, CancellationToken cancellationToken)
    {
        var existing = await db.Authors.FirstOrDefaultAsync(a => a.UserId == staffer.UserId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }
        var stem = Slug.From(staffer.Name) is { Length: > 0 } fromName ? fromName : "author";
        var taken = await db.Authors.Where(a => a.Slug == stem || a.Slug.StartsWith(stem + "-")).Select(a => a.Slug).ToListAsync(cancellationToken);
        var slug = stem;
        for (var n = 2; taken.Contains(slug); n++)
        {
            slug = $"{stem}-{n}";
        }
        var author = new Author { Name = staffer.Name, Slug = slug, UserId = staffer.UserId };
        db.Authors.Add(author);
        return author;
    }
}
