using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gazette.Accounts;

/// <summary>/account/sign-in: email and password, locked for a while after too many failures.</summary>
public sealed class SignInModel(
    UserManager<GazetteUser> users, SignInManager<GazetteUser> signIn, IOptions<IdentityOptions> identity, ILoggerFactory loggers)
    : AccountPageModel
{
    /// <summary>The same words whether the email is unknown or the password wrong: the form does not tell which emails have accounts.</summary>
    public const string NotRightMessage = "Email or password is not right. Check them and try again.";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    public string LockedMessage =>
        $"Too many failed attempts to sign in: this account is locked for up to {identity.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes:0} minutes. " +
        "Try again later, or reset your password.";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            // Spend the time a password check takes, so an unknown email does not answer sooner than a known one.
            users.PasswordHasher.HashPassword(new GazetteUser { DisplayName = "" }, Input.Password);
            ModelState.AddModelError("", NotRightMessage);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return RedirectToReturnUrl();
        }
        if (result.IsLockedOut)
        {
            AccountLog.LockedOut(loggers.CreateLogger(AccountLog.Category), user.Id);
            ModelState.AddModelError("", LockedMessage);
        }
        else
        {
            ModelState.AddModelError("", NotRightMessage);
        }
        return Page();
    }
}

public sealed class SignInInput
{
    [Display(Name = "Email address")]
    [Required(ErrorMessage = "Enter your email address.")]
    public string Email { get; set; } = "";

    [Display(Name = "Password")]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }
}
