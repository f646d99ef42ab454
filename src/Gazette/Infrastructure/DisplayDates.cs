using System.Globalization;
using Microsoft.Extensions.Options;

namespace Gazette.Infrastructure;

/// <summary>Shows stored UTC times in the site's time zone, for people, and as ISO 8601 for machines.</summary>
public sealed class DisplayDates(IOptions<SiteOptions> site)
{
    // The name is read each time: the time zone can be saved while the site runs (/setup, /admin/settings). The zone
    // is looked up again only when it changed (a lookup by name costs more than formatting the date).
    private TimeZoneInfo Zone
    {
        get
        {
            var name = site.Value.TimeZone;
            var known = zone;
            if (known?.Name != name)
            {
                known = new NamedZone(name, site.Value.Zone);
                zone = known;
            }
            return known.Zone;
        }
    }

    private NamedZone? zone;

    private sealed record NamedZone(string Name, TimeZoneInfo Zone);

    // Written out rather than through a custom format string, which .NET parses at every call: a page of 300 comments
    // shows 600 dates. The same text as "yyyy-MM-dd'T'HH:mm:ss'Z'" and "MMMM d, yyyy 'at' HH:mm" (invariant culture).
    public static string Machine(DateTime utc) =>
        string.Create(CultureInfo.InvariantCulture, $"{utc.Year:D4}-{utc.Month:D2}-{utc.Day:D2}T{utc.Hour:D2}:{utc.Minute:D2}:{utc.Second:D2}Z");

    public string Day(DateTime utc)
    {
        var local = Local(utc);
        return string.Create(CultureInfo.InvariantCulture, $"{Months[local.Month - 1]} {local.Day}, {local.Year:D4}");
    }

    public string DayAndTime(DateTime utc)
    {
        var local = Local(utc);
        return string.Create(CultureInfo.InvariantCulture, $"{Months[local.Month - 1]} {local.Day}, {local.Year:D4} at {local.Hour:D2}:{local.Minute:D2}");
    }

    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
