using Gazette.Accounts;
using Gazette.Data;
using Gazette.Demo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Administration;

/// <summary>/admin/demo: what removing the demo content takes away, asked for confirmation, then done in one action (<see cref="DemoRemoval"/>).</summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class RemoveDemoModel(GazetteDb db, DemoRemoval removal) : PageModel
{
    public int Articles { get; private set; }
    public int Comments { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Articles = await db.Articles.CountAsync(a => a.IsDemo, cancellationToken);
        Comments = await db.Comments.CountAsync(c => db.Articles.Any(a => a.Id == c.ArticleId && a.IsDemo), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var removed = await removal.RemoveAsync(cancellationToken);
        Done = removed.Articles == 0
            ? "There was no demo content left to remove."
            : $"Removed the demo content: {removed.Articles:N0} articles and {removed.Comments:N0} comments.";
        return Redirect("/admin/demo");
    }
}
