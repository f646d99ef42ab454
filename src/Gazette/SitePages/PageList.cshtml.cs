using Gazette.Accounts;
using Gazette.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.SitePages;

/// <summary>/admin/pages: every standalone page, those in the footer first in footer order.</summary>
[Authorize(Policy = StaffPolicies.Publish)]
public sealed class PageListModel(GazetteDb db) : PageModel
{
    public sealed record Row(int Id, string Slug, string Title, bool Published, bool InFooter, DateTime UpdatedAt);

    public IReadOnlyList<Row> Pages { get; private set; } = [];
    public bool Deleted { get; private set; }

    public async Task OnGetAsync([FromQuery] bool deleted, CancellationToken cancellationToken)
    {
        Deleted = deleted;
        Pages = await db.SitePages.AsNoTracking()
            .OrderByDescending(p => p.InFooter).ThenBy(p => p.FooterOrder).ThenBy(p => p.Title)
            .Select(p => new Row(p.Id, p.Slug, p.Title, p.Published, p.InFooter, p.UpdatedAt))
            .ToListAsync(cancellationToken);
    }
}
