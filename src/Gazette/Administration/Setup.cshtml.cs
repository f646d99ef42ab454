using System.ComponentModel.DataAnnotations;
using Gazette.Accounts;
using Gazette.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Administration;

/// <summary>
/// /setup: the first administrator, made in the browser. Open only while no account holds the Administrator role,
/// a page that does not exist (404) from then on. Two submissions at once make one administrator: the check is made
/// again inside the write, which this instance runs one at a time.
/// </summary>
public sealed class SetupModel(
    GazetteDb db, WriteGate writes, UserManager<GazetteUser> users, SignInManager<GazetteUser> signIn, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> identity, ILoggerFactory loggers) : AccountPageModel
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    public string PasswordHint => PasswordRules.Describe(identity.Value.Password);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await Administrators.AnyAsync(db, cancellationToken) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await Administrators.AnyAsync(db, cancellationToken))
        {
            return AlreadyDone();
        }
        var email = Input.Email.Trim();
        var user = new GazetteUser
        {
            UserName = email,
            Email = email,
            DisplayName = Input.DisplayName,
            EmailConfirmed = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await ValidateNewPasswordAsync(users, user, Input.Password, "Input.Password");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using (var transaction = await writes.BeginExclusiveAsync(db, cancellationToken))
        {
            if (await Administrators.AnyAsync(db, cancellationToken))
            {
                return AlreadyDone();
            }
            var created = await users.CreateAsync(user, Input.Password);
            if (!created.Succeeded)
            {
                AddIdentityErrors(created, "Input.Email", "Input.Password");
                if (created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail)))
                {
                    // Setup makes a new account; an existing one is made an administrator from the command line.
                    ModelState.Remove("Input.Email");
                    ModelState.AddModelError("Input.Email",
                        "An account with this email address already exists. Use another address, or make that account an administrator with the “admin create” command.");
                }
                return Page();
            }
            var promoted = await users.AddToRoleAsync(user, Roles.Administrator);
            if (!promoted.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", promoted.Errors.Select(e => e.Description)));
            }
            await transaction.CommitAsync(cancellationToken);
        }
        AccountLog.AccountCreated(loggers.CreateLogger(AccountLog.Category), user.Id);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/admin");
    }

    /// <summary>Someone was quicker (or this is the second click of a double submit): signing in is what is left.</summary>
    private IActionResult AlreadyDone() => RedirectToPage("/Accounts/SignIn", new { returnUrl = "/admin" });
}
