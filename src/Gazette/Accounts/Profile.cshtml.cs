using System.ComponentModel.DataAnnotations;
using Gazette.Accounts.Mail;
using Gazette.Accounts.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gazette.Accounts;

/// <summary>
/// /account: the member's display name, address, password and mail choices, and "sign out everywhere". Each section is
/// a form of its own, so a mistake in one never loses what was typed in another.
/// </summary>
[Authorize]
public sealed class ProfileModel(
    UserManager<GazetteUser> users, SignInManager<GazetteUser> signIn, AccountSessionEnder sessions, IAccountMail mail,
    IOptions<IdentityOptions> identity, ILoggerFactory loggers, ReservedNames reservedNames, Profiles.AvatarUploads avatars) : AccountPageModel
{
    public GazetteUser Member { get; private set; } = null!;

    [BindProperty]
    public NameInput Name { get; set; } = new();

    [BindProperty]
    public AddressInput Address { get; set; } = new();

    [BindProperty]
    public PasswordChangeInput Password { get; set; } = new();

    [BindProperty]
    public MailChoicesInput MailChoices { get; set; } = new();

    /// <summary>What was just done, told at the top of the page after the redirect.</summary>
    [TempData]
    public string? Done { get; set; }

    public string PasswordHint => PasswordRules.Describe(identity.Value.Password);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } gone)
        {
            return gone;
        }
        Name.DisplayName = Member.DisplayName;
        MailChoices = new MailChoicesInput { RepliesByMail = Member.RepliesByMail, Digest = Member.Digest };
        return Page();
    }

    public async Task<IActionResult> OnPostNameAsync()
    {
        if (await LoadAsync() is { } gone)
        {
            return gone;
        }
        if (IsValid(nameof(Name)) && await reservedNames.IsTakenAsync(Name.DisplayName, Member.Id, HttpContext.RequestAborted))
        {
            ModelState.AddModelError($"{nameof(Name)}.{nameof(NameInput.DisplayName)}", ReservedNames.TakenForAccount(Name.DisplayName));
        }
        if (!IsValid(nameof(Name)))
        {
            return Page();
        }
        Member.DisplayName = Name.DisplayName;
        await users.UpdateAsync(Member);
        // The name is in the session's claims: the header shows the new one at once.
        await signIn.RefreshSignInAsync(Member);
        return Saved("Your display name is saved.");
    }

    /// <summary>The field a refused picture is told about.</summary>
    public const string PictureField = "Picture";

    public string AvatarUrl => Profiles.Avatars.UrlOf(Member.Id, Member.AvatarPath);

    public async Task<IActionResult> OnPostPictureAsync(IFormFile? picture)
    {
        if (await LoadAsync() is { } gone)
        {
            return gone;
        }
        ModelState.Clear();
        if (picture is null || picture.Length == 0)
        {
            ModelState.AddModelError(PictureField, $"Choose a picture to upload: a {Media.ImageUploads.AcceptedTypes} image.");
            return Page();
        }
        try
        {
            await using var content = picture.OpenReadStream();
            await avatars.SetAsync(Member.Id, content, HttpContext.RequestAborted);
        }
        catch (Media.ImageRejectedException refused)
        {
            ModelState.AddModelError(PictureField, refused.Message);
            return Page();
        }
        return Saved("Your picture is saved.");
    }

    public async Task<IActionResult> OnPostRemovePictureAsync()
    {
        if (await LoadAsync() is { } gone)
        {
            return gone;
        }
        await avatars.RemoveAsync(Member.Id, HttpContext.RequestAborted);
        return Saved("Your picture is removed: a pattern drawn for you shows instead.");
    }

    public async Task<IActionResult> OnPostMailChoicesAsync()
    {
        if (await LoadAsync() is { } gone)
        {
            return gone;
        }
        // A value the page does not offer (a forged form): the binder's own words ("The value '9' is invalid.") are not a reader's.
        if (ModelState.TryGetValue($"{nameof(MailChoices)}.{nameof(MailChoicesInput.Digest)}", out var digest) && digest.Errors.Count > 0)
        {
            digest.Errors.Clear();
            ModelState.AddModelError($"{nameof(MailChoices)}.{nameof(MailChoicesInput.Digest)}", MailChoicesInput.DigestRefused);
        }
        if (!IsValid(nameof(MailChoices)))
        {
            return Page();
        }
        Member.RepliesByMail = MailChoices.RepliesByMail;
        Member.Digest = MailChoices.Digest;
        await users.UpdateAsync(Member);
        return Saved("Your mail choices are saved.");
    }

    /// <summary>The new address is only used once its owner follows the link mailed to it; the old one is told then.</summary>
    public async Task<IActionResult> OnPostAddressAsync()
    {
        if (await LoadAsync() is { } gone)
        {
            return gone;
        }
        if (!IsValid(nameof(Address)))
        {
            return Page();
        }
        var newAddress = Address.Email.Trim();
        if (string.Equals(newAddress, Member.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Address.Email", "This is already your address.");
            return Page();
        }
        if (await users.FindByEmailAsync(newAddress) is { } owner)
        {
            // Told as if sent, so that this form does not tell which addresses have accounts; the owner is told instead.
            await mail.QueueAsync(Db, new AccountMessage(AccountMessageKind.AddressHasAccount, owner.Email!, owner.DisplayName,
                MailLink(Url.Page("/Accounts/ForgotPassword")!)), HttpContext.RequestAborted);
        }
        else
        {
            var token = await users.GenerateChangeEmailTokenAsync(Member, newAddress);
            var link = MailLink(Url.Page("/Accounts/ConfirmAddress", null,
                new { user = Member.Id, email = newAddress, code = EncodeToken(token) })!);
            await mail.QueueAsync(Db, new AccountMessage(AccountMessageKind.ConfirmNewAddress, newAddress, Member.DisplayName, link), HttpContext.RequestAborted);
        }
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Saved($"A link to confirm the change is on its way to {newAddress}. Your address changes when you follow it.");
    }

    /// <summary>A new password ends every other session, as a stolen one is the usual reason to change it; this browser stays signed in.</summary>
    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (await LoadAsync() is { } gone)
        {
            return gone;
        }
        await ValidateNewPasswordAsync(users, Member, Password.NewPassword, "Password.NewPassword");
        if (!IsValid(nameof(Password)))
        {
            return Page();
        }
        var result = await users.ChangePasswordAsync(Member, Password.CurrentPassword, Password.NewPassword);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            ModelState.AddModelError("Password.CurrentPassword", "Your current password is not right.");
            return Page();
        }
        if (!result.Succeeded)
        {
            AddIdentityErrors(result, "", "Password.NewPassword");
            return Page();
        }
        await sessions.EndAllAsync(Member, HttpContext.RequestAborted);
        await signIn.SignInAsync(Member, isPersistent: false);
        return Saved("Your password is changed. Every other browser signed in to your account has been signed out.");
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        if (await LoadAsync() is { } gone)
        {
            return gone;
        }
        await sessions.EndAllAsync(Member, HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        AccountLog.SignedOutEverywhere(loggers.CreateLogger(AccountLog.Category), Member.Id);
        return LocalRedirect("/");
    }

    public async Task<IActionResult> OnPostVerifyAgainAsync()
    {
        if (await LoadAsync() is { } gone)
        {
            return gone;
        }
        if (!Member.EmailConfirmed && await QueueVerificationAgainAsync(users, mail, Member) is { } next)
        {
            return Saved(VerifyAgainModel.WaitMessage(next, HttpContext));
        }
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Saved($"A new link to verify your address is on its way to {Member.Email}.");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } member)
        {
            await signIn.SignOutAsync();
            return LocalRedirect("/");
        }
        Member = member;
        return null;
    }

    /// <summary>Only the posted section's fields count: the other sections' empty fields are not mistakes.</summary>
    private bool IsValid(string section)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(section + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
        return ModelState.IsValid;
    }

    private RedirectToPageResult Saved(string message)
    {
        Done = message;
        return RedirectToPage();
    }
}

public sealed class NameInput
{
    [Display(Name = "Display name")]
    [Required(ErrorMessage = "Enter the name to show with your comments.")]
    [StringLength(GazetteUser.MaxDisplayNameLength, ErrorMessage = "Your display name can be at most {1} characters long.")]
    public string DisplayName { get; set; } = "";
}

public sealed class AddressInput
{
    [Display(Name = "New email address")]
    [Required(ErrorMessage = "Enter the new email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    [StringLength(256, ErrorMessage = "An email address can be at most {1} characters long.")]
    public string Email { get; set; } = "";
}

public sealed class PasswordChangeInput
{
    [Display(Name = "Current password")]
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = "";

    [Display(Name = "New password")]
    [Required(ErrorMessage = "Choose a new password.")]
    [DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    [Display(Name = "Confirm new password")]
    [Required(ErrorMessage = "Type your new password again.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class MailChoicesInput
{
    public const string DigestRefused = "Choose no digest, daily or weekly.";

    [Display(Name = "Mail me when someone replies to my comments")]
    public bool RepliesByMail { get; set; } = true;

    [Display(Name = "Digest of the discussions I follow")]
    [EnumDataType(typeof(MailDigest), ErrorMessage = DigestRefused)]
    public MailDigest Digest { get; set; }
}
