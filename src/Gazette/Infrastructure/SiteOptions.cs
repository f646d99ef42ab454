using System.ComponentModel.DataAnnotations;

namespace Gazette.Infrastructure;

/// <summary>Section "Site": what the site is called and how it shows lists and dates.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    [Required]
    public string Name { get; set; } = "Gazette";

    public string Tagline { get; set; } = "Technology news, argued over by its readers";

    /// <summary>What search engines and link previews show for pages that have no description of their own; empty: the tagline.</summary>
    public string? Description { get; set; }

    public string DefaultDescription => string.IsNullOrWhiteSpace(Description) ? Tagline : Description;

    /// <summary>Dates are shown in this IANA or Windows time zone; they are stored in UTC.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The language of the site's articles, as a BCP 47 tag (en, en-GB, fr): the pages' lang and the news sitemap's.</summary>
    [Required, RegularExpression("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
    public string Language { get; set; } = "en";

    [Range(1, 100)]
    public int ArticlesPerPage { get; set; } = 10;

    /// <summary>
    /// The site's public address (https://news.example.org), used for the absolute links of feeds and sitemaps.
    /// Empty: taken from each request, which is right behind a proxy that passes the Host header on.
    /// </summary>
    [Url]
    public string? BaseUrl { get; set; }

    public string AbsoluteUrl(HttpRequest request, string path) =>
        (string.IsNullOrWhiteSpace(BaseUrl) ? $"{request.Scheme}://{request.Host}" : BaseUrl.TrimEnd('/')) + path;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
