using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gazette.Accounts;

/// <summary>
/// /account/sign-up: a new reader account and a link mailed to verify its address. It answers alike whether or not
/// the address has an account already (then its owner is mailed instead), so the form tells nobody who has one: the
/// new account is not signed in here; its owner signs in with the password just chosen.
/// </summary>
public sealed class SignUpModel(
    UserManager<GazetteUser> users, Mail.IAccountMail mail, WriteGate writes, TimeProvider clock,
    IOptions<IdentityOptions> identity, ILoggerFactory loggers, ReservedNames reservedNames) : AccountPageModel
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    public string PasswordHint => PasswordRules.Describe(identity.Value.Password);

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>/account/sign-up/sent: "check your email", after a redirect so a reload does not sign up again.</summary>
    public void OnGetSent() => Sent = true;

    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
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
        if (ModelState.GetFieldValidationState("Input.DisplayName") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Valid
            && await reservedNames.IsTakenAsync(Input.DisplayName, ownerUserId: null, cancellationToken))
        {
            ModelState.AddModelError("Input.DisplayName", ReservedNames.TakenForAccount(Input.DisplayName));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await users.FindByEmailAsync(email) is { } owner)
        {
            await TellOwnerAsync(owner, cancellationToken);
            return Answer();
        }
        await using (var transaction = await writes.BeginAsync(Db, cancellationToken))
        {
            var result = await users.CreateAsync(user, Input.Password);
            if (!result.Succeeded)
            {
                AddIdentityErrors(result, "Input.Email", "Input.Password");
                if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                {
                    // Taken since the look-up above (or by a user name): answered as for any taken address.
                    ModelState.Clear();
                    Db.ChangeTracker.Clear();
                    if (await users.FindByEmailAsync(email) is { } racer)
                    {
                        await TellOwnerAsync(racer, cancellationToken);
                    }
                    return Answer();
                }
                return Page();
            }
            // The account and its verification mail are stored together: neither exists without the other.
            await QueueVerificationAsync(users, mail, user);
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        AccountLog.AccountCreated(loggers.CreateLogger(AccountLog.Category), user.Id);
        return Answer();
    }

    /// <summary>
    /// The owner of an address is mailed instead of a new account being made. The password typed is hashed all the
    /// same, so that this answer takes as long as making an account does.
    /// </summary>
    private async Task TellOwnerAsync(GazetteUser owner, CancellationToken cancellationToken)
    {
        users.PasswordHasher.HashPassword(new GazetteUser { DisplayName = "" }, Input.Password);
        await mail.QueueAsync(Db, new Mail.AccountMessage(Mail.AccountMessageKind.AddressHasAccount, owner.Email!, owner.DisplayName,
            MailLink(Url.Page("/Accounts/ForgotPassword")!)), cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
    }

    private RedirectToPageResult Answer() => RedirectToPage("/Accounts/SignUp", "sent", new { returnUrl = ReturnUrl });
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
