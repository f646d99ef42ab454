using System.Globalization;
using Microsoft.Extensions.Options;

namespace Gazette.Infrastructure;

/// <summary>Shows stored UTC times in the site's time zone, for people, and as ISO 8601 for machines.</summary>
public sealed class DisplayDates(IOptions<SiteOptions> site)
{
    // Read each time: the time zone can be saved while the site runs (/setup, /admin/settings).
    private TimeZoneInfo Zone => site.Value.Zone;

    public static string Machine(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public string Day(DateTime utc) => Local(utc).ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    public string DayAndTime(DateTime utc) => Local(utc).ToString("MMMM d, yyyy 'at' HH:mm", CultureInfo.InvariantCulture);

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
