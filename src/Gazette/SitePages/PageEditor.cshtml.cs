using Gazette.Accounts;
using Gazette.Core.Text;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Gazette.SitePages;

/// <summary>
/// /admin/pages/new and /admin/pages/{id}: an editor writes a standalone page, publishes it and chooses whether the
/// footer links it. Saving evicts every cached page, since the footer is on all of them.
/// </summary>
[Authorize(Policy = StaffPolicies.Publish)]
public sealed class PageEditorModel(GazetteDb db, TimeProvider clock, IOutputCacheStore pages) : PageModel
{
    [BindProperty]
    public PageInput Input { get; set; } = new();

    public SitePage? Existing { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, [FromQuery] bool saved, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            Existing = await db.SitePages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (Existing is null)
            {
                return NotFound();
            }
            Input = new PageInput
            {
                Title = Existing.Title, Slug = Existing.Slug, Body = Existing.BodyMarkdown, Published = Existing.Published,
                InFooter = Existing.InFooter, FooterOrder = Existing.FooterOrder,
            };
            Done = saved ? "Saved." : null;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is not null && (Existing = await db.SitePages.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)) is null)
        {
            return NotFound();
        }
        var slug = Core.Text.Slug.From(string.IsNullOrWhiteSpace(Input.Slug) ? Input.Title ?? "" : Input.Slug);
        if (ModelState.IsValid)
        {
            if (slug.Length == 0)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(PageInput.Slug)}", "Give the page an address of letters or digits (or a title with some).");
            }
            else if (await db.SitePages.AnyAsync(p => p.Slug == slug && p.Id != (id ?? 0), cancellationToken))
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(PageInput.Slug)}", $"Another page already lives at /pages/{slug}.");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var page = Existing ?? db.SitePages.Add(new SitePage { Slug = slug, Title = "", CreatedAt = now }).Entity;
        page.Slug = slug;
        page.Title = Input.Title!.Trim();
        page.BodyMarkdown = Input.Body ?? "";
        page.BodyHtml = ArticleMarkdown.ToHtml(page.BodyMarkdown);
        page.Published = Input.Published;
        page.InFooter = Input.InFooter;
        page.FooterOrder = Input.FooterOrder;
        page.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        // The footer is on every page, and the page itself may have been cached as "not found".
        await pages.EvictByTagAsync(PageCache.Everything, cancellationToken);
        return Redirect($"/admin/pages/{page.Id}?saved=true");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var deleted = await db.SitePages.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return NotFound();
        }
        await pages.EvictByTagAsync(PageCache.Everything, cancellationToken);
        return Redirect("/admin/pages?deleted=true");
    }
}
