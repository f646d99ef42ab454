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
