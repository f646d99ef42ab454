using System.Globalization;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Articles;

/// <summary>A month of the archive and how many articles it holds.</summary>
public sealed record ArchiveMonth(int Year, int Month, int Count)
{
    public string Name => new DateTime(Year, Month, 1).ToString("MMMM", CultureInfo.InvariantCulture);
    public string Href => ArchiveMonths.Href(Year, Month);
}

/// <summary>
/// The published articles by month of the site's time zone (an article published at 23:30 UTC on March 31 belongs
/// to April in Paris): the months with their counts, and the UTC bounds of one month.
/// </summary>
public sealed class ArchiveMonths(GazetteDb db, TimeProvider clock, IOptions<SiteOptions> site)
{
    public const int FirstYear = 1900, LastYear = 9000;

    // Read each time: the time zone can be saved while the site runs (/setup, /admin/settings).
    private TimeZoneInfo Zone => site.Value.Zone;

    public static string Href(int year) => $"/archive/{year}";
    public static string Href(int year, int month) => $"/archive/{year}/{month:00}";

    public IQueryable<Article> Published => db.Articles.AsNoTracking().Published(clock.GetUtcNow().UtcDateTime);

    /// <summary>Months that have articles, newest first; of one year only when <paramref name="year"/> is given.</summary>
    public async Task<IReadOnlyList<ArchiveMonth>> CountsAsync(int? year, CancellationToken cancellationToken)
    {
        var articles = Published;
        if (year is { } y)
        {
            var (from, to) = (Utc(y, 1), Utc(y + 1, 1));
            articles = articles.Where(a => a.PublishedAt >= from && a.PublishedAt < to);
        }
        // One date per article, grouped here: a time zone's rules (summer time) are not something SQL can apply.
        var dates = await articles.Select(a => a.PublishedAt).ToListAsync(cancellationToken);
        return dates
            .Select(utc => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone))
            .GroupBy(local => (local.Year, local.Month))
            .OrderByDescending(g => g.Key)
            .Select(g => new ArchiveMonth(g.Key.Year, g.Key.Month, g.Count()))
            .ToList();
    }

    /// <summary>The articles of one month of the site's time zone.</summary>
    public IQueryable<Article> InMonth(int year, int month)
    {
        var (from, to) = (Utc(year, month), month == 12 ? Utc(year + 1, 1) : Utc(year, month + 1));
        return Published.Where(a => a.PublishedAt >= from && a.PublishedAt < to);
    }

    public static bool IsInRange(int year, int month = 1) => year is >= FirstYear and <= LastYear && month is >= 1 and <= 12;

    /// <summary>The UTC instant a month starts in the site's time zone.</summary>
    private DateTime Utc(int year, int month)
    {
        var local = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        // Midnight skipped by a clock change (a few zones move at midnight): the month starts at the next valid minute.
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }
}
