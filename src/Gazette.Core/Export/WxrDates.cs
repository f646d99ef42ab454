using System.Globalization;

namespace Gazette.Core.Export;

/// <summary>Dates as WordPress stores and exports them: <c>2023-01-16 07:17:56</c>, in UTC (<c>_gmt</c>) or the site's time zone.</summary>
public static class WxrDates
{
    /// <summary>WordPress's "no date", written for a draft that has none in UTC.</summary>
    public const string None = "0000-00-00 00:00:00";

    public static string Format(DateTime date) => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Local(DateTime utc, TimeZoneInfo zone) =>
        Format(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
}
