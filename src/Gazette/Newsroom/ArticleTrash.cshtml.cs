using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>
/// /admin/articles/{id}/trash: moves an article to the trash, or (with <c>restore</c>) brings it back as it was
/// (<see cref="ArticleLifecycle.Trash"/>). Whoever may edit the article may; an author only while it is theirs to
/// change (not once published or scheduled). Its pages and every list are evicted at once.
/// </summary>
[Authorize(Policy = StaffPolicies.Write)]
public sealed class ArticleTrashModel(
    GazetteDb db, Staffers staffers, WriteGate writes, SiteCache siteCache, TimeProvider clock, Microsoft.Extensions.Options.IOptions<NewsroomOptions> options)
    : PageModel
{
    [TempData]
    public string? Done { get; set; }

    public IActionResult OnGet(int id) => Redirect($"/admin/articles/{id}");

    public async Task<IActionResult> OnPostAsync(int id, [FromForm] bool restore, CancellationToken cancellationToken)
    {
        var staffer = await staffers.CurrentAsync(User, cancellationToken);
        string slug;
        string? refusal;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            var found = await db.Articles.Where(a => a.Id == id).Select(a => new { Article = a, a.Author.UserId, Rows = a.Bylines.Select(b => b.Author.UserId).ToList() })
                .FirstOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return NotFound();
            }
            var article = found.Article;
            var ownState = article.Status == ArticleStatus.Trashed ? article.TrashedFrom ?? ArticleStatus.Draft : article.Status;
            if (!staffer.MayEdit(found.Rows.Append(found.UserId)) || (!staffer.MayPublish && !ArticleLifecycle.AuthorMayChange(ownState)))
            {
                return Forbid();
            }
            refusal = restore ? ArticleLifecycle.Restore(article) : ArticleLifecycle.Trash(article, clock.GetUtcNow().UtcDateTime);
            slug = article.Slug;
            if (refusal is null)
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        if (refusal is not null)
        {
            Done = refusal;
            return Redirect($"/admin/articles/{id}");
        }
        await siteCache.ArticleChangedAsync(slug, cancellationToken);
        if (restore)
        {
            Done = "Restored from the trash.";
            return Redirect($"/admin/articles/{id}");
        }
        Done = $"Moved to the trash. Its comments are kept; restore it within {options.Value.TrashDays} days to bring it back as it was, after that it is deleted for good.";
        return Redirect($"/admin/articles?status={ArticleStatus.Trashed}");
    }
}
