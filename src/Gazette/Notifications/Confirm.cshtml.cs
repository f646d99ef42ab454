using Gazette.Data;
using Gazette.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Notifications;

/// <summary>
/// /mail/confirm?t=…: the double opt-in link. Its button (never the GET: mail scanners open links) confirms the
/// address, and when the link came from "Follow", follows the discussion with it from its newest comment on.
/// </summary>
[OutputCache(NoStore = true)]
public sealed class ConfirmModel(NotificationLinks links, GazetteDb db, TimeProvider clock, IOptionsMonitor<NotificationOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? T { get; set; }

    public (string Address, int? ArticleId)? Named { get; private set; }
    public string? ArticleTitle { get; private set; }
    public string? ArticleSlug { get; private set; }
    public bool Done { get; private set; }
    public string Interval => options.CurrentValue.FollowInterval.TotalMinutes is var minutes && minutes < 120
        ? $"{minutes:0} minutes" : $"{options.CurrentValue.FollowInterval.TotalHours:0.#} hours";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ReadAsync(cancellationToken) ? Page() : Invalid();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ReadAsync(cancellationToken))
        {
            return Invalid();
        }
        var (address, articleId) = Named!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var known = await db.Set<NotifyAddress>().FirstOrDefaultAsync(a => a.Address == address, cancellationToken);
        if (known is null)
        {
            db.Add(known = new NotifyAddress { Address = address });
        }
        known.ConfirmedAt ??= now;
        if (articleId is { } id && !await db.Set<DiscussionFollow>().AnyAsync(f => f.ArticleId == id && f.Address == address, cancellationToken))
        {
            var newest = await db.Comments.Where(c => c.ArticleId == id).MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
            db.Add(new DiscussionFollow { ArticleId = id, Address = address, CreatedAt = now, LastCommentId = newest });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The button pressed twice at once: the other press recorded the same.
        }
        Done = true;
        return Page();
    }

    private async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        Named = links.ReadConfirm(T);
        if (Named is { ArticleId: { } articleId })
        {
            var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => new { a.Title, a.Slug }).FirstOrDefaultAsync(cancellationToken);
            if (article is null)
            {
                Named = null;
                return false;
            }
            (ArticleTitle, ArticleSlug) = (article.Title, article.Slug);
        }
        return Named is not null;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
