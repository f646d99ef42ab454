using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Core.Text;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Administration;

/// <summary>The byline a staff member writes under: made once, when they are first given a role that writes articles.</summary>
public static class Bylines
{
    /// <summary>Roles whose holders get a byline of their own.</summary>
    public static readonly string[] WritingRoles = [Roles.Author, Roles.Editor];

    /// <summary>
    /// Adds (unsaved) a byline for the account if it has none: its display name, under a slug made from that name and
    /// numbered when another author has it already. Returns null when the account already has one.
    /// </summary>
    public static async Task<Author?> EnsureAsync(GazetteDb db, GazetteUser user, CancellationToken cancellationToken)
    {
        if (await db.Authors.AnyAsync(a => a.UserId == user.Id, cancellationToken))
        {
            return null;
        }
        var name = user.DisplayName.Trim();
        var stem = Slug.From(name) is { Length: > 0 } slug ? slug : "author";
        var taken = await db.Authors.Where(a => a.Slug == stem || a.Slug.StartsWith(stem + "-"))
            .Select(a => a.Slug).ToListAsync(cancellationToken);
        var unique = stem;
        for (var number = 2; taken.Contains(unique); number++)
        {
            unique = $"{stem}-{number}";
        }
        var author = new Author { Slug = unique, Name = name.Length > 0 ? name : "Staff writer", UserId = user.Id };
        db.Authors.Add(author);
        return author;
    }
}
