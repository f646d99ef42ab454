using System.Globalization;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Core.Calendar;
using Gazette.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>An article on the calendar: when it goes (or went) out, in the site's time zone.</summary>
public sealed record CalendarEntry(int Id, string Title, ArticleStatus Status, DateTime PublishedAt, string Clock);

/// <summary>
/// /admin/calendar?month=2026-03: what is scheduled and what was published, month by month, on the days of the site's
/// time zone (an article going out at 00:30 in Paris is on that day, not the UTC one before). Plain HTML: no script.
/// An Author sees their own articles only, as in the list.
/// </summary>
[Authorize(Policy = StaffPolicies.Write)]
public sealed class CalendarModel(GazetteDb db, Staffers staffers, SiteTime siteTime, TimeProvider clock) : PageModel
{
    public DateOnly Month { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<IReadOnlyList<DateOnly>> Weeks { get; private set; } = [];
    public ILookup<DateOnly, CalendarEntry> ByDay { get; private set; } = null!;
    public string ZoneName => siteTime.ZoneName;

    public string MonthName => Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Link(DateOnly month) => $"/admin/calendar?month={month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    public async Task<IActionResult> OnGetAsync([FromQuery] string? month, CancellationToken cancellationToken)
    {
        Today = siteTime.Today(clock.GetUtcNow().UtcDateTime);
        if (string.IsNullOrEmpty(month))
        {
            Month = new DateOnly(Today.Year, Today.Month, 1);
        }
        else if (DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var chosen))
        {
            Month = chosen;
        }
        else
        {
            return NotFound();
        }
        var staffer = await staffers.CurrentAsync(User, cancellationToken);
        Weeks = MonthGrid.Weeks(Month.Year, Month.Month);
        var (from, to) = (siteTime.StartOf(Weeks[0][0]), siteTime.StartOf(Weeks[^1][^1].AddDays(1)));
        var articles = db.Articles.AsNoTracking()
            .Where(a => (a.Status == ArticleStatus.Scheduled || a.Status == ArticleStatus.Published) && a.PublishedAt >= from && a.PublishedAt < to);
        if (!staffer.MayPublish)
        {
            articles = articles.Where(a => a.Author.UserId == staffer.UserId || a.Bylines.Any(b => b.Author.UserId == staffer.UserId));
        }
        var found = await articles.OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Title, a.Status, a.PublishedAt })
            .ToListAsync(cancellationToken);
        ByDay = found.Select(a => new CalendarEntry(a.Id, a.Title, a.Status, a.PublishedAt, siteTime.Clock(a.PublishedAt)))
            .ToLookup(e => siteTime.LocalDay(e.PublishedAt));
        return Page();
    }
}
