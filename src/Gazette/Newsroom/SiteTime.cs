using System.Globalization;
using Gazette.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gazette.Newsroom;

/// <summary>
/// Times as staff type them: a <c>datetime-local</c> field's value ("2026-03-10T14:30") in the site's time zone,
/// stored in UTC.
/// </summary>
public sealed class SiteTime(IOptions<SiteOptions> site)
{
    public const string InputFormat = "yyyy-MM-dd'T'HH:mm";

    // Read each time: the time zone can be saved while the site runs (/setup, /admin/settings).
    private TimeZoneInfo Zone => site.Value.Zone;

    public string ZoneName => Zone.Id;

    public string ToInput(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>The site-local day a UTC time falls on.</summary>
    public DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));

    /// <summary>The site's "now" as a local date.</summary>
    public DateOnly Today(DateTime utcNow) => LocalDay(utcNow);

    /// <summary>When a site-local day begins, in UTC (where the clocks skip midnight, the first minute that exists).</summary>
    public DateTime StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    /// <summary>The local clock time of a UTC time ("14:30").</summary>
    public string Clock(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The clock time in the site's zone with its date, as messages give it ("2026-03-10 14:30").</summary>
    public string Words(DateTime utc) => ToInput(utc).Replace('T', ' ');

    /// <summary>
    /// The UTC time of a typed local time, or the reason it is not one (badly written, or skipped as the clocks go
    /// forward). A time that happens twice (as the clocks go back) is taken as the first of the two, and
    /// <c>Resolved</c> says so, for the page to tell.
    /// </summary>
    public (DateTime? Utc, string? Problem, string? Resolved) Read(string text)
    {
        var (utc, problem) = Parse(text);
        if (utc is null)
        {
            return (null, problem, null);
        }
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc.Value, Zone);
        if (!Zone.IsAmbiguousTime(local))
        {
            return (utc, null, null);
        }
        var first = DateTime.SpecifyKind(local - Zone.GetAmbiguousTimeOffsets(local).Max(), DateTimeKind.Utc);
        return (first, null,
            $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} happens twice in {Zone.Id} as the clocks go back: "
            + $"it was taken as the first of the two ({first.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC).");
    }

    /// <summary>The UTC time of a typed local time, or the reason it is not one (badly written, or skipped by a clock change).</summary>
    public (DateTime? Utc, string? Problem) Parse(string text)
    {
        string[] formats = [InputFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];
        if (!DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return (null, "Write the time as year-month-day and hours:minutes, like 2026-03-10T14:30.");
        }
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return (null, $"That time does not exist in {Zone.Id}: the clocks skip it. Choose a time outside the change.");
        }
        return (TimeZoneInfo.ConvertTimeToUtc(local, Zone), null);
    }
}
