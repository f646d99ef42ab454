using Gazette.Articles;
using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>/admin/articles/{id}/revisions/compare?from=&amp;to=: what changed between two revisions of an article.</summary>
public sealed class RevisionCompareModel(GazetteDb db, Staffers staffers) : ArticleHistoryPage(db, staffers)
{
    public RevisionRow From { get; private set; } = null!;
    public RevisionRow To { get; private set; } = null!;
    public IReadOnlyList<FieldDiff> Fields { get; private set; } = [];

    /// <summary>Without both revisions chosen: the last save against the one before it.</summary>
    public async Task<IActionResult> OnGetAsync(int id, int? from, int? to, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        var fromRow = from is null ? Revisions.Count > 1 ? Revisions[^2] : null : Revisions.FirstOrDefault(r => r.Id == from);
        var toRow = to is null ? Revisions.LastOrDefault() : Revisions.FirstOrDefault(r => r.Id == to);
        if (fromRow is null || toRow is null)
        {
            return NotFound();
        }
        (From, To) = fromRow.Number <= toRow.Number ? (fromRow, toRow) : (toRow, fromRow);
        var pair = await Db.ArticleRevisions.AsNoTracking().Where(r => r.Id == From.Id || r.Id == To.Id).ToListAsync(cancellationToken);
        ArticleRevision Of(RevisionRow row) => pair.First(r => r.Id == row.Id);
        Fields = RevisionDiff.Compare(Of(From), Of(To));
        return Page();
    }
}
