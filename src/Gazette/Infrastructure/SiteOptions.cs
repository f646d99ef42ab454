using System.ComponentModel.DataAnnotations;

namespace Gazette.Infrastructure;

/// <summary>Section "Site": what the site is called and how it shows lists and dates.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    [Required]
    public string Name { get; set; } = "Gazette";

    public string Tagline { get; set; } = "Technology news, argued over by its readers";

    /// <summary>Dates are shown in this IANA or Windows time zone; they are stored in UTC.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    [Range(1, 100)]
    public int ArticlesPerPage { get; set; } = 10;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
