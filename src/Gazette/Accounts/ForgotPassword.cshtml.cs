using System.ComponentModel.DataAnnotations;
using System.Text;
using Gazette.Accounts.Mail;
using Gazette.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Gazette.Accounts;

/// <summary>
/// /account/forgot-password: asks for the email and always answers with the same confirmation, whether or not it
/// has an account. For an account, the reset link is mailed to it; for none, the same work is done and nothing stored.
/// </summary>
public sealed class ForgotPasswordModel(UserManager<GazetteUser> users, IAccountMail mail, MailRenderer renderer) : AccountPageModel
{
    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>/account/forgot-password/sent: the confirmation, after a redirect so a reload does not send again.</summary>
    public void OnGetSent() => Sent = true;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user?.Email is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
            var link = MailLink(Url.Page("/Accounts/ResetPassword", pageHandler: null, values: new { email = user.Email, code })!);
            await mail.QueueAsync(Db, new AccountMessage(AccountMessageKind.PasswordReset, user.Email, user.DisplayName, link), HttpContext.RequestAborted);
            await Db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        else
        {
            // Nothing to mail, but the same token and the same mail are made, so that the answer takes about as long as
            // for an account: only the outbox row's insert differs.
            var standIn = new GazetteUser { Email = Input.Email.Trim(), DisplayName = "", SecurityStamp = Guid.NewGuid().ToString() };
            var token = await users.GeneratePasswordResetTokenAsync(standIn);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
            var link = MailLink(Url.Page("/Accounts/ResetPassword", pageHandler: null, values: new { email = standIn.Email, code })!);
            await renderer.RenderAsync<PasswordResetMail>(new Dictionary<string, object?> { ["Name"] = standIn.DisplayName, ["Link"] = link });
        }
        return RedirectToPage("/Accounts/ForgotPassword", "sent");
    }
}

public sealed class ForgotPasswordInput
{
    [Display(Name = "Email address")]
    [Required(ErrorMessage = "Enter the email address of your account.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    public string Email { get; set; } = "";
}
