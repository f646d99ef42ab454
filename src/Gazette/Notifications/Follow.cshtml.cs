using System.Security.Claims;
using Gazette.Articles;
using Gazette.Data;
using Gazette.Mail;
using Gazette.Notifications.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Notifications;

/// <summary>
/// /articles/{slug}/follow: a member follows (or stops) with one button; a guest gives an address and is mailed a
/// signed link, so that nobody can make the site mail an address its owner did not ask for. A guest address gets at
/// most one such mail per <see cref="NotificationOptions.ConfirmationRepeatAfter"/>, and none when it asked for no mail.
/// </summary>
[OutputCache(NoStore = true)]
public sealed class FollowModel(GazetteDb db, Outbox outbox, NotificationLinks links, TimeProvider clock, IOptionsMonitor<NotificationOptions> options) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public bool Stop { get; set; }

    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public bool IsMember => UserId is not null;
    public bool Following { get; private set; }
    public string? Sent { get; private set; }

    private int articleId;
    private string? UserId => User.Identity?.IsAuthenticated == true ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (UserId is { } userId)
        {
            if (Stop)
            {
                await db.Set<DiscussionFollow>().Where(f => f.ArticleId == articleId && f.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            }
            else if (!Following)
            {
                var newest = await db.Comments.Where(c => c.ArticleId == articleId).MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
                db.Add(new DiscussionFollow { ArticleId = articleId, UserId = userId, CreatedAt = now, LastCommentId = newest });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Pressed twice at once: followed once.
                }
            }
            return Redirect($"/articles/{Uri.EscapeDataString(Slug)}/follow");
        }

        var typed = Email?.Trim();
        if (string.IsNullOrEmpty(typed) || typed.Length > OutboxMessage.MaxAddressLength
            || !System.Net.Mail.MailAddress.TryCreate(typed, out var parsed) || parsed.Address != typed)
        {
            ModelState.AddModelError(nameof(Email), "That e-mail address does not look right: check it and try again.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var address = MailSuppression.Normalize(typed);
        var known = await db.Set<NotifyAddress>().FirstOrDefaultAsync(a => a.Address == address, cancellationToken);
        // The same answer whether or not a mail goes: it does not tell who follows what, nor who asked for no mail.
        Sent = typed;
        if (known?.ConfirmationSentAt is { } last && last > now - options.CurrentValue.ConfirmationRepeatAfter
            || await Outbox.IsSuppressedAsync(db, address, FollowedDiscussions.List, cancellationToken))
        {
            return Page();
        }
        if (known is null)
        {
            db.Add(known = new NotifyAddress { Address = address });
        }
        known.ConfirmationSentAt = now;
        await outbox.QueueAsync<ConfirmNotifyMail>(db, new MailRecipient(typed), new Dictionary<string, object?>
        {
            ["Link"] = links.Confirm(address, articleId),
            ["ArticleTitle"] = Title,
            ["StopAllUrl"] = links.Unsubscribe(address, null),
        }, cancellationToken: cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same address asked twice at once: one mail is enough.
        }
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Published(clock.GetUtcNow().UtcDateTime).Where(a => a.Slug == slug)
            .Select(a => new { a.Id, a.Slug, a.Title }).FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return false;
        }
        (articleId, Slug, Title) = (article.Id, article.Slug, article.Title);
        var userId = UserId;
        Following = userId is not null && await db.Set<DiscussionFollow>().AnyAsync(f => f.ArticleId == articleId && f.UserId == userId, cancellationToken);
        return true;
    }
}
