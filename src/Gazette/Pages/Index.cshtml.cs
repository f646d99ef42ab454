using Gazette.Articles;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Pages;

public sealed class IndexModel(GazetteDb db, TimeProvider clock, IOptions<SiteOptions> site) : PageModel
{
    public Paged<ArticleSummary> Articles { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        var page = await db.Articles.Published(clock.GetUtcNow().UtcDateTime)
            .NewestPageAsync(pageNumber, site.Value.ArticlesPerPage, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        Articles = page;
        return Page();
    }
}
