using Gazette.Accounts;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Moderation;

/// <summary>/admin/moderation/bans: the bans in force (or those that ended: ?show=ended), newest first, each one liftable.</summary>
[Authorize(Policy = StaffPolicies.Moderate)]
public sealed class BansModel(GazetteDb db, Banning banning, TimeProvider clock, DisplayDates dates) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Ban Ban, string? AccountName, bool Active);

    [BindProperty(SupportsGet = true, Name = "show")] public string? Show { get; set; }

    [TempData] public string? Done { get; set; }

    public bool Ended => Show == "ended";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public DateTime Now { get; private set; }
    public DisplayDates Dates => dates;

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var now = Now;
        var bans = db.Bans.AsNoTracking();
        bans = Ended
            ? bans.Where(b => b.LiftedAt != null || (b.ExpiresAt != null && b.ExpiresAt <= now))
            : bans.Where(b => b.LiftedAt == null && (b.ExpiresAt == null || b.ExpiresAt > now));
        Total = await bans.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(pageNumber, 1, PageCount);
        var found = await bans.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var accountIds = found.Where(b => b.Kind == BanKind.Account).Select(b => b.Value).ToList();
        var accounts = await db.Users.Where(u => accountIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName + " (" + u.Email + ")", cancellationToken);
        Rows = found.Select(b => new Row(b, accounts.GetValueOrDefault(b.Value), Banning.IsActive(b, now))).ToList();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] int lift, CancellationToken cancellationToken)
    {
        Done = await banning.LiftAsync(lift, Moderator.Of(User), cancellationToken)
            ? "The ban is lifted."
            : "That ban had already ended.";
        return Redirect("/admin/moderation/bans");
    }

    /// <summary>What was banned, in words a moderator recognises.</summary>
    public static string Who(Row row) => row.Ban.Kind switch
    {
        BanKind.Account => row.AccountName ?? (string.IsNullOrEmpty(row.Ban.Label) ? row.Ban.Value : row.Ban.Label),
        BanKind.Email => row.Ban.Value,
        _ => (string.IsNullOrEmpty(row.Ban.Label) ? "" : row.Ban.Label + ", ") + "hash " + NewBanModel.Short(row.Ban.Value),
    };

    public string PageHref(int page) => "/admin/moderation/bans" + (Ended ? "?show=ended" : "") + (page > 1 ? $"{(Ended ? "&" : "?")}page={page}" : "");
}
