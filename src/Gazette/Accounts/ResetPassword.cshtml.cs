using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gazette.Accounts;

/// <summary>/account/reset-password?email&amp;code: the link from "forgot password" sets a new password.</summary>
public sealed class ResetPasswordModel(
    UserManager<GazetteUser> users, Sessions.AccountSessionEnder sessions, SignInThrottle throttle, IOptions<IdentityOptions> identity, ILoggerFactory loggers)
    : AccountPageModel
{
    [BindProperty]
    public ResetPasswordInput Input { get; set; } = new();

    /// <summary>False when the link is incomplete, for no account, expired or already used: the page says so instead of showing the form.</summary>
    public bool LinkIsValid { get; private set; } = true;

    public bool Done { get; private set; }

    /// <summary>The link of an invitation (<see cref="StaffInvitations"/>): the account has no password yet.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Invited { get; set; }

    public string PasswordHint => PasswordRules.Describe(identity.Value.Password);

    /// <summary>Checks the link at once, so that nobody types a new password only to learn that the link has expired.</summary>
    public async Task OnGetAsync(string? email, string? code)
    {
        (Input.Email, Input.Code) = (email ?? "", code ?? "");
        LinkIsValid = await FindUserOfLinkAsync() is not null;
    }

    /// <summary>/account/reset-password/done, after a redirect.</summary>
    public void OnGetDone() => Done = true;

    public async Task<IActionResult> OnPostAsync()
    {
        if (await FindUserOfLinkAsync() is not { } user)
        {
            LinkIsValid = false;
            return Page();
        }
        await ValidateNewPasswordAsync(users, user, Input.Password, "Input.Password");
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, DecodeToken(Input.Code)!, Input.Password);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            LinkIsValid = false;
            return Page();
        }
        if (!result.Succeeded)
        {
            AddIdentityErrors(result, "Input.Email", "Input.Password");
            return Page();
        }
        // Whoever reads the mailbox may sign in again at once: the lockout was there to stop password guessing.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        throttle.Forgive(user.Email!);
        // The link came by mail, so the address is the member's own.
        user.EmailConfirmed = true;
        // Whoever needed a new password may have lost control of a session too: every session ends.
        await sessions.EndAllAsync(user, HttpContext.RequestAborted);
        AccountLog.PasswordReset(loggers.CreateLogger(AccountLog.Category), user.Id);
        return RedirectToPage("/Accounts/ResetPassword", "done");
    }

    /// <summary>The account the link is for, when its code is still good for it; null for any link that is not.</summary>
    private async Task<GazetteUser?> FindUserOfLinkAsync()
    {
        var token = DecodeToken(Input.Code);
        if (token is null || string.IsNullOrWhiteSpace(Input.Email) || await users.FindByEmailAsync(Input.Email) is not { } user)
        {
            return null;
        }
        var valid = await users.VerifyUserTokenAsync(
            user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<GazetteUser>.ResetPasswordTokenPurpose, token);
        return valid ? user : null;
    }

}

public sealed class ResetPasswordInput
{
    [Display(Name = "Email address")]
    [Required]
    public string Email { get; set; } = "";

    [Required]
    public string Code { get; set; } = "";

    [Display(Name = "New password")]
    [Required(ErrorMessage = "Choose a new password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "Confirm new password")]
    [Required(ErrorMessage = "Type your new password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}
