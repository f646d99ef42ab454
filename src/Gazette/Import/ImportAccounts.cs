using System.ComponentModel.DataAnnotations;
using Gazette.Accounts;
using Gazette.Administration;
using Gazette.Articles;
using Gazette.Core.Text;
using Gazette.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Import;

/// <summary>
/// An author of the old site, made a byline here: with an e-mail, a staff account (role Author) without a password,
/// found again by that address on the next import; without one, a byline alone, found again by its slug.
/// </summary>
public sealed class ImportAccounts(
    GazetteDb db, UserManager<GazetteUser> users, TimeProvider clock, StaffInvitations invitations, IOptions<Infrastructure.SiteOptions> site)
{
    public sealed record Imported(int AuthorId, string? UserId);

    public async Task<Imported> BylineAsync(string login, string? email, string? displayName, ImportReport report, CancellationToken cancellationToken)
    {
        var name = (displayName ?? login).Trim();
        if (name.Length > GazetteUser.MaxDisplayNameLength)
        {
            name = name[..GazetteUser.MaxDisplayNameLength];
        }
        email = email?.Trim();
        if (!string.IsNullOrEmpty(email) && email.Length <= 256 && new EmailAddressAttribute().IsValid(email))
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new GazetteUser
                {
                    UserName = email,
                    Email = email,
                    DisplayName = name.Length > 0 ? name : login,
                    // The old site vouched for the address; the account has no password until its owner sets one.
                    EmailConfirmed = true,
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                };
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    report.Warn("author", login, $"No account was made ({string.Join(" ", created.Errors.Select(e => e.Description))}); the byline stands alone.");
                    return new Imported(await StandaloneAsync(login, name, report, cancellationToken), null);
                }
                await users.AddToRoleAsync(user, Roles.Author);
                report.Add("account", "without password");
                // The invitation's link is built on the site's public address; without one (an import from the command
                // line on a machine that is not the site) an administrator invites them later from /admin/users.
                if (Uri.TryCreate(site.Value.BaseUrl, UriKind.Absolute, out var siteBase))
                {
                    await invitations.InviteAsync(db, user, siteBase, cancellationToken);
                    report.Add("invitation", "queued");
                }
                else
                {
                    report.Warn("author", login, "Site:BaseUrl is not set, so no invitation was mailed: invite them from /admin/users.");
                }
            }
            else
            {
                report.Existing("account");
            }
            var byline = await Bylines.EnsureAsync(db, user, cancellationToken);
            if (byline is not null)
            {
                await db.SaveChangesAsync(cancellationToken);
                report.Add("author");
                return new Imported(byline.Id, user.Id);
            }
            return new Imported(await db.Authors.Where(a => a.UserId == user.Id).Select(a => a.Id).FirstAsync(cancellationToken), user.Id);
        }
        return new Imported(await StandaloneAsync(login, name, report, cancellationToken), null);
    }

    private async Task<int> StandaloneAsync(string login, string name, ImportReport report, CancellationToken cancellationToken)
    {
        var slug = Slug.From(login) is { Length: > 0 } s ? s : Slug.From(name) is { Length: > 0 } n ? n : "author";
        var found = await db.Authors.Where(a => a.Slug == slug && a.UserId == null).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (found is { } id)
        {
            report.Existing("author");
            return id;
        }
        var unique = slug;
        for (var number = 2; await db.Authors.AnyAsync(a => a.Slug == unique, cancellationToken); number++)
        {
            unique = $"{slug}-{number}";
        }
        var author = new Author { Slug = unique, Name = name.Length > 0 ? name : login };
        db.Authors.Add(author);
        await db.SaveChangesAsync(cancellationToken);
        report.Add("author");
        return author.Id;
    }
}
