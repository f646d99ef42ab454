using System.ComponentModel.DataAnnotations;
using Gazette.Accounts;
using Gazette.Administration;
using Gazette.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Privacy;

/// <summary>/account/delete: the reader confirms with their password; the account goes, they are signed out.</summary>
[Authorize]
public sealed class DeleteAccountModel(
    GazetteDb db, UserManager<GazetteUser> users, SignInManager<GazetteUser> signIn, AccountDeletion deletion,
    IOptions<PrivacyOptions> privacy, IOptions<IdentityOptions> identity) : AccountPageModel
{
    public const string WrongPasswordMessage = "That is not your password. Your account has not been deleted.";

    [BindProperty]
    public DeleteAccountInput Input { get; set; } = new();

    public AccountDeletionMode Mode => privacy.Value.OnAccountDeletion;
    public int CommentCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        CommentCount = await db.Comments.CountAsync(c => c.UserId == user.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        CommentCount = await db.Comments.CountAsync(c => c.UserId == user.Id, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Counted as a sign-in attempt: a stolen session cannot guess the password here any faster than on /account/sign-in.
        var check = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            ModelState.AddModelError("", $"Too many wrong passwords: this account is locked for up to {identity.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes:0} minutes. It has not been deleted.");
            return Page();
        }
        if (!check.Succeeded)
        {
            ModelState.AddModelError("Input.Password", WrongPasswordMessage);
            return Page();
        }
        if (await users.IsInRoleAsync(user, Roles.Administrator) && await Administrators.CountAsync(db, cancellationToken) <= 1)
        {
            ModelState.AddModelError("", "You are this site’s only administrator: give another account the Administrator role before deleting yours.");
            return Page();
        }

        var result = await deletion.DeleteAsync(user, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", $"Your account could not be deleted: {result.Error}");
            return Page();
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Privacy/AccountDeleted");
    }
}

public sealed class DeleteAccountInput
{
    [Display(Name = "Your password")]
    [Required(ErrorMessage = "Enter your password to confirm.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}
