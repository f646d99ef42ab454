using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>A revision as the history lists it: its number counts the article's saves from 1.</summary>
public sealed record RevisionRow(int Id, int Number, DateTime SavedAt, string SavedBy, string Note, string Title, ArticleStatus Status);

/// <summary>What the revisions and compare pages share: the article, access to it, and its numbered revisions.</summary>
[Authorize(Policy = StaffPolicies.Write)]
public abstract class ArticleHistoryPage(GazetteDb db, Staffers staffers) : PageModel
{
    public Staffer Staffer { get; private set; } = null!;
    public ArticleHeader Article { get; private set; } = null!;

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<RevisionRow> Revisions { get; private set; } = [];

    protected GazetteDb Db => db;

    protected async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Staffer = await staffers.CurrentAsync(User, cancellationToken);
        var article = await ArticleHeader.FindAsync(db, id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        if (!Staffer.MayEdit(article.BylineUserIds))
        {
            return Forbid();
        }
        Article = article;
        var revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id)
            .OrderBy(r => r.SavedAt).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.SavedAt, r.SavedByName, r.Note, r.Title, r.Status })
            .ToListAsync(cancellationToken);
        Revisions = revisions.Select((r, i) => new RevisionRow(r.Id, i + 1, r.SavedAt, r.SavedByName, r.Note, r.Title, r.Status)).ToList();
        return null;
    }
}
