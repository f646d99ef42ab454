using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>
/// /admin/articles/{id}/revisions: every save of the article (when, who, what), two of them to compare, and any of
/// them to restore. Restoring puts the content back as a new revision and leaves the status alone.
/// </summary>
public sealed class RevisionsModel(GazetteDb db, Staffers staffers, ArticleChecks checks, ArticleWriter writer) : ArticleHistoryPage(db, staffers)
{
    [TempData]
    public string? Done { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostRestoreAsync(int id, [FromForm] int revision, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!Staffer.MayPublish && !ArticleLifecycle.AuthorMayChange(Article.Status))
        {
            Problem = "This article is published or scheduled: only an editor can change it now.";
            return Page();
        }
        var row = Revisions.FirstOrDefault(r => r.Id == revision);
        if (row is null)
        {
            return NotFound();
        }
        var chosen = await Db.ArticleRevisions.AsNoTracking().FirstAsync(r => r.Id == revision, cancellationToken);
        if (await checks.SlugProblemAsync(chosen.Slug, id, cancellationToken) is { } problem)
        {
            Problem = $"Revision {row.Number} cannot be restored as it is: its address is not free any more. {problem}";
            return Page();
        }
        await writer.RestoreAsync(id, chosen, row.Number, Staffer, cancellationToken);
        Done = $"Restored revision {row.Number}.";
        return Redirect($"/admin/articles/{id}/revisions");
    }
}
