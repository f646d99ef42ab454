using Gazette.Accounts;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Mail;

/// <summary>/admin/outbox: the mail the site sent, is sending and could not send (with the server's words), and a retry for what failed.</summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class OutboxPageModel(GazetteDb db, OutboxClaims claims, OutboxSignal signal, IMailDelivery delivery, DisplayDates dates) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(long Id, DateTime CreatedAt, string To, string Subject, string Kind, OutboxStatus Status, int Attempts, DateTime NextAttemptAt, DateTime? SentAt, string? LastError);

    [BindProperty(SupportsGet = true, Name = "status")]
    public OutboxStatus? Status { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<OutboxStatus, int> Counts { get; private set; } = new Dictionary<OutboxStatus, int>();
    public string Destination => delivery.Describe();
    public string? Folder => (delivery as FolderDelivery)?.Folder;
    public DisplayDates Dates => dates;

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var messages = db.OutboxMessages.AsNoTracking();
        if (Status is { } status)
        {
            messages = messages.Where(m => m.Status == status);
        }
        Rows = await messages.OrderByDescending(m => m.Id).Take(PageSize)
            .Select(m => new Row(m.Id, m.CreatedAt, m.ToAddress, m.Subject, m.Kind, m.Status, m.Attempts, m.NextAttemptAt, m.SentAt, m.LastError))
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        if (await claims.RetryAsync(db, id, cancellationToken))
        {
            signal.MessagesQueued();
            Notice = $"Message {id} is queued again.";
        }
        else
        {
            Notice = $"Message {id} is not a failed message: nothing to retry.";
        }
        return RedirectToPage(new { status = Status });
    }

    public int Count(OutboxStatus status) => Counts.TryGetValue(status, out var count) ? count : 0;
}
