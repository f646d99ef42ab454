using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Moderation;

/// <summary>/admin/moderation/comments/{id}/pick: staff feature a comment among the editors' picks (with a note), change the note, or unfeature it.</summary>
[Authorize(Policy = StaffPolicies.Moderate)]
public sealed class PickModel(GazetteDb db, CommentPicks picks) : PageModel
{
    [BindProperty] public string? Note { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public int Id { get; private set; }
    public string AuthorName { get; private set; } = "";
    public string BodyHtml { get; private set; } = "";
    public string ArticleTitle { get; private set; } = "";
    public string ArticleSlug { get; private set; } = "";
    public CommentStatus Status { get; private set; }
    public bool IsFeatured { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (Note?.Trim().Length > Comment.MaxFeaturedNoteLength)
        {
            ModelState.AddModelError(nameof(Note),
                $"The note can be at most {Comment.MaxFeaturedNoteLength:N0} characters long; this one has {Note.Trim().Length:N0}.");
            Note = CommentForms.KeepForEcho(this, nameof(Note), Note);
            return await AgainAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
        }
        return await DoneAsync(id, await picks.FeatureAsync(id, Moderator.Of(User), Note, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostUnfeatureAsync(int id, CancellationToken cancellationToken) =>
        await DoneAsync(id, await picks.UnfeatureAsync(id, Moderator.Of(User), cancellationToken), cancellationToken);

    /// <summary>Where to go after: the page it came from (only an address on this site), else the comment in its thread.</summary>
    public string Back(int id) => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : $"/comments/{id}";

    private async Task<IActionResult> DoneAsync(int id, PickResult result, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case PickResult.Done:
                return Redirect(Back(id));
            case PickResult.NotFound:
                return NotFound();
            default:
                ModelState.AddModelError("", "Only a published comment can be an editors’ pick.");
                return await AgainAsync(id, StatusCodes.Status409Conflict, cancellationToken);
        }
    }

    private async Task<IActionResult> AgainAsync(int id, int status, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, keepNote: true))
        {
            return NotFound();
        }
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken, bool keepNote = false)
    {
        var found = await db.Comments.AsNoTracking().Where(c => c.Id == id)
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { c.AuthorName, c.BodyHtml, c.Status, c.FeaturedAt, c.FeaturedNote, a.Title, a.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }
        Id = id;
        AuthorName = string.IsNullOrWhiteSpace(found.AuthorName) ? CommentView.AnonymousName : found.AuthorName;
        (BodyHtml, Status, ArticleTitle, ArticleSlug, IsFeatured) = (found.BodyHtml, found.Status, found.Title, found.Slug, found.FeaturedAt is not null);
        if (!keepNote)
        {
            Note = found.FeaturedNote;
        }
        return true;
    }
}
