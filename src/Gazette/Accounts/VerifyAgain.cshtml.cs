using Gazette.Accounts.Mail;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Accounts;

/// <summary>
/// /account/verify-again: "send the verification mail again", where a member who may not comment yet is sent (the
/// comment form and the API's 403 point here). At most one mail per <see cref="AccountOptions.VerificationResendInterval"/>.
/// </summary>
[Authorize]
public sealed class VerifyAgainModel(UserManager<GazetteUser> users, IAccountMail mail) : AccountPageModel
{
    public GazetteUser Member { get; private set; } = null!;

    /// <summary>What was just done, told after the redirect.</summary>
    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } member)
        {
            return LocalRedirect("/");
        }
        Member = member;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } member)
        {
            return LocalRedirect("/");
        }
        if (member.EmailConfirmed)
        {
            return RedirectToPage(new { returnUrl = ReturnUrl });
        }
        if (await QueueVerificationAgainAsync(users, mail, member) is { } next)
        {
            Done = WaitMessage(next, HttpContext);
        }
        else
        {
            await Db.SaveChangesAsync(HttpContext.RequestAborted);
            Done = $"A new link to verify your address is on its way to {member.Email}.";
        }
        return RedirectToPage(new { returnUrl = ReturnUrl });
    }

    /// <summary>Told when the last link is too recent to send another.</summary>
    public static string WaitMessage(DateTime next, HttpContext context)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var minutes = Math.Max(1, (int)Math.Ceiling((next - now).TotalMinutes));
        return $"A link was mailed to you a moment ago: look for it (and in your spam folder). You can ask for another in {minutes} minute{(minutes == 1 ? "" : "s")}.";
    }
}
