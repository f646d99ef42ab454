using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>A correction or update as typed: shown back unchanged when something in it needs fixing.</summary>
public sealed class NoteInput
{
    [Display(Name = "Kind")]
    public ArticleNoteKind Kind { get; set; }

    [Display(Name = "Text")]
    [Required(ErrorMessage = "Write what was corrected or what is new.")]
    public string? Text { get; set; }

    /// <summary>In the site's time zone (a datetime-local value); empty for now.</summary>
    [Display(Name = "Time")]
    public string? At { get; set; }
}

/// <summary>
/// /admin/articles/{id}/notes: editors add dated corrections and updates to an article, change and remove them. Each
/// change marks the article modified now (its JSON-LD, feed entries and sitemap say so) and lets its pages go from the caches.
/// </summary>
[Authorize(Policy = StaffPolicies.Publish)]
public sealed class ArticleNotesModel(GazetteDb db, WriteGate writes, SiteCache siteCache, SiteTime siteTime, TimeProvider clock) : PageModel
{
    public ArticleHeader Article { get; private set; } = null!;
    public IReadOnlyList<ArticleNote> Notes { get; private set; } = [];
    public string ZoneName => siteTime.ZoneName;

    [BindProperty]
    public NoteInput Input { get; set; } = new();

    /// <summary>The note whose form was sent and is shown again with its problems (0: the form that adds one).</summary>
    public int Editing { get; private set; } = -1;

    [TempData]
    public string? Done { get; set; }

    public string InputTime(DateTime utc) => siteTime.ToInput(utc);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public Task<IActionResult> OnPostAddAsync(int id, CancellationToken cancellationToken) => WriteAsync(id, 0, cancellationToken);

    public Task<IActionResult> OnPostSaveAsync(int id, [FromForm] int note, CancellationToken cancellationToken) => WriteAsync(id, note, cancellationToken);

    public async Task<IActionResult> OnPostRemoveAsync(int id, [FromForm] int note, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (Notes.All(n => n.Id != note))
        {
            return NotFound();
        }
        await ChangeAsync(id, () => db.ArticleNotes.Where(n => n.Id == note).ExecuteDeleteAsync(cancellationToken), cancellationToken);
        Done = "The note is removed.";
        return Redirect($"/admin/articles/{id}/notes");
    }

    private async Task<IActionResult> WriteAsync(int id, int noteId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (noteId != 0 && Notes.All(n => n.Id != noteId))
        {
            return NotFound();
        }
        Editing = noteId;
        var now = clock.GetUtcNow().UtcDateTime;
        var at = now;
        string? resolved = null;
        if (Input.At?.Trim() is { Length: > 0 } typed)
        {
            var (utc, problem, ambiguity) = siteTime.Read(typed);
            if (problem is not null)
            {
                ModelState.AddModelError("Input.At", problem);
            }
            else if (utc > now)
            {
                ModelState.AddModelError("Input.At", "That time is still to come: a note tells what has been corrected or added. Leave it empty for now.");
            }
            (at, resolved) = (utc ?? now, ambiguity);
        }
        // Counted here rather than by an attribute, to say how long it is; the form has no maxlength to cut a paste.
        if (Input.Text?.Trim() is { Length: > ArticleNote.MaxTextLength } tooLong)
        {
            ModelState.AddModelError("Input.Text", string.Create(CultureInfo.InvariantCulture,
                $"The note is {tooLong.Length:N0} characters long; the limit is {ArticleNote.MaxTextLength:N0}."));
        }
        if (!Enum.IsDefined(Input.Kind))
        {
            ModelState.AddModelError("Input.Kind", "Choose Correction or Update.");
        }
        if (!ModelState.IsValid)
        {
            Input.Text = CommentForms.KeepForEcho(this, "Input.Text", Input.Text);
            return Page();
        }
        var text = Input.Text!.Trim();
        await ChangeAsync(id, async () =>
        {
            if (noteId == 0)
            {
                db.ArticleNotes.Add(new ArticleNote { ArticleId = id, Kind = Input.Kind, Text = text, At = at });
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                await db.ArticleNotes.Where(n => n.Id == noteId).ExecuteUpdateAsync(
                    set => set.SetProperty(n => n.Kind, Input.Kind).SetProperty(n => n.Text, text).SetProperty(n => n.At, at), cancellationToken);
            }
            return 1;
        }, cancellationToken);
        Done = (noteId == 0 ? $"{Input.Kind} added, dated {siteTime.Words(at)} ({siteTime.ZoneName})." : "The note is saved.")
            + (resolved is null ? "" : " " + resolved);
        return Redirect($"/admin/articles/{id}/notes");
    }

    /// <summary>Makes the change with the article marked modified, in one transaction, then lets its pages go.</summary>
    private async Task ChangeAsync(int id, Func<Task<int>> change, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            await change();
            await db.Articles.Where(a => a.Id == id && a.UpdatedAt < now).ExecuteUpdateAsync(set => set.SetProperty(a => a.UpdatedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await siteCache.ArticleChangedAsync(Article.Slug, cancellationToken);
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var article = await ArticleHeader.FindAsync(db, id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        Article = article;
        Notes = await db.ArticleNotes.AsNoTracking().Where(n => n.ArticleId == id).OrderBy(n => n.At).ThenBy(n => n.Id).ToListAsync(cancellationToken);
        return null;
    }
}

/// <summary>One note's form fields: ids prefixed by the form's own, values as typed or stored, the zone named.</summary>
public sealed record NoteFieldsView(string IdPrefix, NoteInput Input, string ZoneName, string? TextError = null);
