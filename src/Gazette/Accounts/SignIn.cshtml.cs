using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Accounts;

/// <summary>
/// /account/sign-in: email and password. Repeated failures slow down whoever makes them, from their network
/// (<see cref="SignInThrottle"/>), rather than lock the account for everyone.
/// </summary>
public sealed class SignInModel(
    UserManager<GazetteUser> users, SignInManager<GazetteUser> signIn, SignInThrottle throttle, ILoggerFactory loggers)
    : AccountPageModel
{
    /// <summary>The same words whether the email is unknown or the password wrong: the form does not tell which emails have accounts.</summary>
    public const string NotRightMessage = "Email or password is not right. Check them and try again.";
    public const string LockedMessage = "This account is locked by the site's administrators. Write to them to have it unlocked.";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    /// <summary>Said alike for any address, with an account or not: it tells nothing about the address.</summary>
    public static string WaitMessage(TimeSpan wait) =>
        $"Too many failed attempts to sign in with this address from your network: try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} " +
        $"minute{(wait.TotalMinutes > 1 ? "s" : "")}, or reset your password.";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var email = Input.Email.Trim();
        var client = HttpContext.Connection.RemoteIpAddress;
        if (throttle.WaitFor(email, client) is { } waiting && waiting > TimeSpan.Zero)
        {
            ModelState.AddModelError("", WaitMessage(waiting));
            return Page();
        }
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // Spend the time a password check takes, so an unknown email does not answer sooner than a known one.
            users.PasswordHasher.HashPassword(new GazetteUser { DisplayName = "" }, Input.Password);
            return Failed(email, client);
        }

        // Identity's own lockout is left to administrators (an account they lock stays locked); failures are counted above.
        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.Succeeded(email, client);
            return RedirectToReturnUrl();
        }
        if (result.IsLockedOut)
        {
            AccountLog.LockedOut(loggers.CreateLogger(AccountLog.Category), user.Id);
            // Identity reports the lock before it checks the password: only whoever knows the password learns of the lock.
            if (await users.CheckPasswordAsync(user, Input.Password))
            {
                throttle.Succeeded(email, client);
                ModelState.AddModelError("", LockedMessage);
                return Page();
            }
        }
        return Failed(email, client);
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Failed(string email, System.Net.IPAddress? client)
    {
        throttle.Failed(email, client);
        var wait = throttle.WaitFor(email, client);
        if (wait > TimeSpan.Zero)
        {
            AccountLog.SignInThrottled(loggers.CreateLogger(AccountLog.Category));
            ModelState.AddModelError("", WaitMessage(wait));
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
