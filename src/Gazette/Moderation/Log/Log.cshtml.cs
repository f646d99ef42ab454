using Gazette.Accounts;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Moderation;

/// <summary>/admin/moderation/log: every moderator action, newest first, for administrators; narrowed to one moderator or one action.</summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class LogModel(GazetteDb db, DisplayDates dates) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "moderator")] public string? Moderator { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public string? Action { get; set; }

    public IReadOnlyList<ModerationLogEntry> Entries { get; private set; } = [];
    public IReadOnlyList<string> Moderators { get; private set; } = [];
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public DisplayDates Dates => dates;

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        Moderators = await db.ModerationLog.Select(e => e.ActorName).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
        Actions = await db.ModerationLog.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        var entries = db.ModerationLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Moderator))
        {
            entries = entries.Where(e => e.ActorName == Moderator);
        }
        if (!string.IsNullOrWhiteSpace(Action))
        {
            entries = entries.Where(e => e.Action == Action);
        }
        Total = await entries.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(pageNumber, 1, PageCount);
        Entries = await entries.OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
    }

    public string PageHref(int page)
    {
        var query = QueryString.Empty;
        if (!string.IsNullOrWhiteSpace(Moderator))
        {
            query = query.Add("moderator", Moderator);
        }
        if (!string.IsNullOrWhiteSpace(Action))
        {
            query = query.Add("action", Action);
        }
        if (page > 1)
        {
            query = query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return "/admin/moderation/log" + query;
    }
}
