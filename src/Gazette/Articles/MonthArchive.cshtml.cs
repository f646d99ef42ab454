using System.Globalization;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Articles;

/// <summary>/archive/{year}/{month}: the articles of one month of the site's time zone, newest first and paged.</summary>
public sealed class MonthArchiveModel(ArchiveMonths archive, IOptions<SiteOptions> site) : PageModel
{
    public int Year { get; private set; }
    public int Month { get; private set; }
    public string Heading => new DateTime(Year, Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
    public Paged<ArticleSummary> Articles { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(
        int year, int month, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        if (!ArchiveMonths.IsInRange(year, month))
        {
            return NotFound();
        }
        var page = await archive.InMonth(year, month).NewestPageAsync(pageNumber, site.Value.ArticlesPerPage, cancellationToken);
        // An empty month is no page: only months that hold articles are linked, and only they exist.
        if (page is null || page.TotalCount == 0)
        {
            return NotFound();
        }
        (Year, Month, Articles) = (year, month, page);
        return Page();
    }
}
