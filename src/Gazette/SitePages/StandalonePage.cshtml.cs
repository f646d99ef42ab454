using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.SitePages;

/// <summary>A published standalone page at /{slug}; any other one-word address that no route takes is not found.</summary>
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
