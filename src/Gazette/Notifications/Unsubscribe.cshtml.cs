using Gazette.Data;
using Gazette.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Gazette.Notifications;

/// <summary>
/// The page a mail's "Unsubscribe" link opens, without signing in: a button, so that a mail scanner opening the link
/// unsubscribes nobody. The button posts to /mail/unsubscribed (this page again, with the site's antiforgery token);
/// mail programs' one-click POST (RFC 8058) goes to <see cref="UnsubscribeEndpoint"/> at the link itself, whose literal
/// route wins over this page's pattern.
/// </summary>
[OutputCache(NoStore = true)]
public sealed class UnsubscribeModel(UnsubscribeLinks links, GazetteDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? T { get; set; }

    public (string Address, string List)? Named { get; private set; }
    public bool Done { get; private set; }
    public string? StopAllUrl { get; private set; }

    public IActionResult OnGet()
    {
        Named = links.Read(T);
        if (Named is { } named)
        {
            StopAllUrl = $"{UnsubscribeLinks.Path}?t={Uri.EscapeDataString(links.Token(named.Address, null))}";
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Named = links.Read(T);
        if (Named is not { } named)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await MailSuppression.RecordAsync(db, named.Address, named.List, clock.GetUtcNow().UtcDateTime, cancellationToken);
        Done = true;
        return Page();
    }
}
