using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.SitePages;

/// <summary>
/// A published standalone page at /pages/{slug}. Under a prefix of their own: a route of one word would take every
/// method and address the site's own endpoints refuse (HEAD /feed, FOO /sitemap.xml). /{slug} answers 301 to it
/// (<see cref="Import.OldAddressRedirects"/>), as WordPress's /about/ does.
/// </summary>
public sealed class StandalonePageModel(GazetteDb db) : PageModel
{
    public sealed record ShownPage(string Slug, string Title, string BodyHtml, DateTime UpdatedAt);

    public ShownPage Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var page = await db.SitePages.AsNoTracking().Where(p => p.Slug == slug && p.Published)
            .Select(p => new ShownPage(p.Slug, p.Title, p.BodyHtml, p.UpdatedAt)).FirstOrDefaultAsync(cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        Shown = page;
        return Page();
    }
}
