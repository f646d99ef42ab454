using Gazette.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.SitePages;

/// <summary>A published standalone page at /{slug}; another one-word address is an imported post's old one, or not found.</summary>
public sealed class StandalonePageModel(GazetteDb db, TimeProvider clock) : PageModel
{
    public sealed record ShownPage(string Slug, string Title, string BodyHtml, DateTime UpdatedAt);

    public ShownPage Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var page = await db.SitePages.AsNoTracking().Where(p => p.Slug == slug && p.Published)
            .Select(p => new ShownPage(p.Slug, p.Title, p.BodyHtml, p.UpdatedAt)).FirstOrDefaultAsync(cancellationToken);
        if (page is null)
        {
            // One word is also how an old WordPress site addressed its posts (/%postname%/): this route took the request
            // before the old addresses' lookup of unrouted 404s could, so it asks it here.
            var moved = await Import.OldAddressRedirects.RedirectAsync(HttpContext, db, clock, cancellationToken);
            if (moved is NotFound)
            {
                return NotFound();
            }
            await moved.ExecuteAsync(HttpContext);
            return new EmptyResult();
        }
        Shown = page;
        return Page();
    }
}
