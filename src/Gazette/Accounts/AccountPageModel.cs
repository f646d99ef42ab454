using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Accounts;

/// <summary>
/// What every account page shares: never kept by the page cache (its forms carry an antiforgery token bound to one
/// browser), and a <c>returnUrl</c> that is only ever a local URL.
/// </summary>
[OutputCache(NoStore = true)]
public abstract class AccountPageModel : PageModel
{
    /// <summary>Where to go afterwards. Anything but a local URL is dropped before a handler runs.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (!Url.IsLocalUrl(ReturnUrl))
        {
            ReturnUrl = null;
        }
    }

    protected IActionResult RedirectToReturnUrl() => LocalRedirect(ReturnUrl ?? "/");

    /// <summary>
    /// The absolute address of a link in a mail: on Site:BaseUrl when it is set (it should be, for mail: otherwise the
    /// Host header of this request, which its sender chooses, is the link's host).
    /// </summary>
    protected string MailLink(string path) =>
        HttpContext.RequestServices.GetRequiredService<IOptions<Infrastructure.SiteOptions>>().Value.AbsoluteUrl(Request, path);

    /// <summary>The request's database: the one Identity's stores use, where account mail is queued with the change that causes it.</summary>
    protected Data.GazetteDb Db => HttpContext.RequestServices.GetRequiredService<Data.GazetteDb>();

    /// <summary>Queues the mail that verifies the member's address (Identity's e-mail confirmation token); the caller saves.</summary>
    protected async Task QueueVerificationAsync(UserManager<GazetteUser> users, Mail.IAccountMail mail, GazetteUser member)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(member);
        var link = MailLink(Url.Page("/Accounts/VerifyAddress", null, new { user = member.Id, code = EncodeToken(token) })!);
        await mail.QueueAsync(Db, new Mail.AccountMessage(Mail.AccountMessageKind.VerifyAddress, member.Email!, member.DisplayName, link),
            HttpContext.RequestAborted);
    }

    /// <summary>
    /// Queues the verification mail again, unless one was queued for this address within
    /// <see cref="AccountOptions.VerificationResendInterval"/>: then it returns when another may be asked for. The
    /// caller saves. The outbox is the record of what was sent, so the limit holds on every instance.
    /// </summary>
    protected async Task<DateTime?> QueueVerificationAgainAsync(UserManager<GazetteUser> users, Mail.IAccountMail mail, GazetteUser member)
    {
        var services = HttpContext.RequestServices;
        var interval = services.GetRequiredService<IOptions<AccountOptions>>().Value.VerificationResendInterval;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var last = await Db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == nameof(Mail.VerifyAddressMail) && m.ToAddress == member.Email)
            .OrderByDescending(m => m.Id).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (last is { } at && at + interval > now)
        {
            return at + interval;
        }
        await QueueVerificationAsync(users, mail, member);
        return null;
    }

    /// <summary>Identity's tokens in a link: base64url of their UTF-8.</summary>
    protected static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token of a link, or null for a code that is not base64url.</summary>
    protected static string? DecodeToken(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs Identity's password rules on a new password now, so that they are told together with the form's other
    /// errors rather than only once those are fixed.
    /// </summary>
    protected async Task ValidateNewPasswordAsync(UserManager<GazetteUser> users, GazetteUser user, string password, string passwordKey)
    {
        if (string.IsNullOrEmpty(password))
        {
            return;
        }
        foreach (var validator in users.PasswordValidators)
        {
            AddIdentityErrors(await validator.ValidateAsync(users, user, password), "", passwordKey);
        }
    }

    /// <summary>
    /// Shows Identity's errors next to the fields they are about. Email taken and email refused are told on the
    /// email field (a taken email gives two errors, as the user name is the email: it is told once).
    /// </summary>
    protected void AddIdentityErrors(IdentityResult result, string emailKey, string passwordKey)
    {
        foreach (var error in result.Errors)
        {
            var (key, message) = error.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) =>
                    (emailKey, "An account with this email address already exists. Sign in, or reset your password if you have forgotten it."),
                nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) =>
                    (emailKey, "This email address can’t be used for an account. Check it, or use another one."),
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => (passwordKey, error.Description),
                _ => ("", error.Description),
            };
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Any(e => e.ErrorMessage == message))
            {
                continue;
            }
            ModelState.AddModelError(key, message);
        }
    }
}

/// <summary>Links to the account pages from any page.</summary>
public static class AccountLinks
{
    /// <summary>
    /// The page to come back to after signing in or up: the current path and query. On an account page it is the
    /// <c>returnUrl</c> that page already carries; on an error page, the address that failed. Null for the home page.
    /// </summary>
    public static string? ReturnUrlFor(HttpContext context)
    {
        var request = context.Request;
        string url;
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecuted)
        {
            url = reExecuted.OriginalPathBase + reExecuted.OriginalPath + reExecuted.OriginalQueryString;
        }
        else if (request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase))
        {
            url = request.Query["returnUrl"].ToString();
        }
        else
        {
            url = request.PathBase + request.Path + request.QueryString;
        }
        return url is "" or "/" || !IsLocal(url) ? null : url;
    }

    /// <summary>The same test as <c>Url.IsLocalUrl</c>: a path on this site, not "//host" nor "/\host".</summary>
    private static bool IsLocal(string url) =>
        url.Length > 0 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
