using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gazette.Accounts;

/// <summary>/account/sign-up: a new reader account, signed in at once, and a link mailed to verify its address.</summary>
public sealed class SignUpModel(
    UserManager<GazetteUser> users, SignInManager<GazetteUser> signIn, Mail.IAccountMail mail, TimeProvider clock,
    IOptions<IdentityOptions> identity, ILoggerFactory loggers) : AccountPageModel
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    public string PasswordHint => PasswordRules.Describe(identity.Value.Password);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Input.Email.Trim();
        var user = new GazetteUser
        {
            UserName = email,
            Email = email,
            // Exactly as typed: not trimmed, not normalized.
            DisplayName = Input.DisplayName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await ValidateNewPasswordAsync(users, user, Input.Password, "Input.Password");
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            AddIdentityErrors(result, "Input.Email", "Input.Password");
            return Page();
        }
        AccountLog.AccountCreated(loggers.CreateLogger(AccountLog.Category), user.Id);
        await SendVerificationAsync(users, mail, user);
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToReturnUrl();
    }
}

public sealed class SignUpInput
{
    [Display(Name = "Display name")]
    [Required(ErrorMessage = "Enter the name to show with your comments.")]
    [StringLength(GazetteUser.MaxDisplayNameLength, ErrorMessage = "Your display name can be at most {1} characters long.")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Email address")]
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    [StringLength(256, ErrorMessage = "An email address can be at most {1} characters long.")]
    public string Email { get; set; } = "";

    [Display(Name = "Password")]
    [Required(ErrorMessage = "Choose a password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "Confirm password")]
    [Required(ErrorMessage = "Type your password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}
