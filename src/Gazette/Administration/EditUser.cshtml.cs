using System.ComponentModel.DataAnnotations;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Administration;

/// <summary>
/// /admin/users/{id}: one account's display name and roles, and locking it. The last administrator keeps the role,
/// and nobody locks their own account. A first role that writes articles gives the account its byline.
/// </summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class EditUserModel(
    GazetteDb db, UserManager<GazetteUser> users, WriteGate writes, TimeProvider clock, DisplayDates dates, SiteCache siteCache,
    ReservedNames reservedNames) : PageModel
{
    public const string LastAdministratorMessage =
        "This is the site’s only administrator: give the Administrator role to another account before taking it from this one.";
    public const string OwnAccountLockMessage = "You can’t lock your own account.";

    [BindProperty]
    public EditUserInput Input { get; set; } = new();

    public GazetteUser Account { get; private set; } = null!;
    public Author? Byline { get; private set; }
    public bool IsSelf { get; private set; }
    public string State { get; private set; } = "";
    public bool Locked { get; private set; }
    public string? Done { get; private set; }
    public DisplayDates Dates => dates;

    public async Task<IActionResult> OnGetAsync(string id, string? done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input = new EditUserInput { DisplayName = Account.DisplayName, Roles = (await users.GetRolesAsync(Account)).ToList() };
        Done = done switch
        {
            "saved" => "Saved.",
            "locked" => "The account is locked: it can’t sign in, and any session it has ends within a minute.",
            "unlocked" => "The account is unlocked: it can sign in again.",
            "invited" => $"The invitation is on its way to {Account.Email}: the account can sign in once a password is chosen from it.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (ModelState.IsValid && Input.DisplayName != Account.DisplayName
            && await reservedNames.IsTakenAsync(Input.DisplayName, Account.Id, cancellationToken))
        {
            ModelState.AddModelError("Input.DisplayName", ReservedNames.TakenForAccount(Input.DisplayName));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var wanted = Roles.All.Where(Input.Roles.Contains).ToList();
        var rolesChanged = false;
        await using (var transaction = await writes.BeginExclusiveAsync(db, cancellationToken))
        {
            // As it is now, inside the write: another administrator may have saved it since it was read.
            await db.Entry(Account).ReloadAsync(cancellationToken);
            var current = await users.GetRolesAsync(Account);
            var removed = current.Except(wanted).ToList();
            var added = wanted.Except(current).ToList();
            // Counted inside the write: two administrators demoting each other at once leave one of them.
            if (removed.Contains(Roles.Administrator) && await Administrators.CountAsync(db, cancellationToken) <= 1)
            {
                ModelState.AddModelError("Input.Roles", LastAdministratorMessage);
                return Page();
            }
            if (Input.DisplayName != Account.DisplayName)
            {
                Account.DisplayName = Input.DisplayName;
                ThrowIfFailed(await users.UpdateAsync(Account));
            }
            if (removed.Count > 0)
            {
                ThrowIfFailed(await users.RemoveFromRolesAsync(Account, removed));
            }
            if (added.Count > 0)
            {
                ThrowIfFailed(await users.AddToRolesAsync(Account, added));
            }
            if (wanted.Intersect(Bylines.WritingRoles).Any() && await Bylines.EnsureAsync(db, Account, cancellationToken) is not null)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            rolesChanged = removed.Count + added.Count > 0;
        }
        if (rolesChanged)
        {
            // The badge beside their comments is their role.
            await Profiles.SpeakerPages.ChangedAsync(db, siteCache, Account.Id, cancellationToken);
        }
        return RedirectToPage(new { id, done = "saved" });
    }

    public async Task<IActionResult> OnPostLockAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (IsSelf)
        {
            ModelState.AddModelError("", OwnAccountLockMessage);
            Input = new EditUserInput { DisplayName = Account.DisplayName, Roles = (await users.GetRolesAsync(Account)).ToList() };
            return Page();
        }
        ThrowIfFailed(await users.SetLockoutEnabledAsync(Account, true));
        ThrowIfFailed(await users.SetLockoutEndDateAsync(Account, AccountStates.LockedByAdministrator));
        // A new stamp ends the sessions the account already has at their next check.
        ThrowIfFailed(await users.UpdateSecurityStampAsync(Account));
        return RedirectToPage(new { id, done = "locked" });
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        ThrowIfFailed(await users.SetLockoutEndDateAsync(Account, null));
        ThrowIfFailed(await users.ResetAccessFailedCountAsync(Account));
        return RedirectToPage(new { id, done = "unlocked" });
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } account)
        {
            return false;
        }
        Account = account;
        IsSelf = users.GetUserId(User) == account.Id;
        Byline = await db.Authors.AsNoTracking().FirstOrDefaultAsync(a => a.UserId == account.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        State = AccountStates.Describe(account.LockoutEnd, now, dates);
        Locked = AccountStates.IsLocked(account.LockoutEnd, now);
        return true;
    }

    /// <summary>Identity refuses only what this page cannot send (a role that does not exist, a stale account): a bug, not bad input.</summary>
    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

public sealed class EditUserInput
{
    [Display(Name = "Display name")]
    [Required(ErrorMessage = "Enter the name shown with this account’s comments.")]
    [StringLength(GazetteUser.MaxDisplayNameLength, ErrorMessage = "A display name can be at most {1} characters long.")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Roles")]
    public List<string> Roles { get; set; } = [];
}
