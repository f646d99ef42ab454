using Gazette.Articles;
using Gazette.Comments;
using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Moderation;

/// <summary>/comments/{id}/flag: a reader reports a published comment, with a reason and an optional note.</summary>
public sealed class FlagModel(GazetteDb db, Flagging flagging, Readers readers, TimeProvider clock) : PageModel
{
    [BindProperty] public FlagReason? Reason { get; set; }
    [BindProperty] public string? Note { get; set; }

    public CommentView Comment { get; private set; } = null!;
    public string ArticleSlug { get; private set; } = "";
    public string ArticleTitle { get; private set; } = "";

    /// <summary>The reader's flag on it, when they have flagged it before.</summary>
    public bool AlreadyFlagged { get; private set; }

    /// <summary>Back from sending a flag.</summary>
    public bool Sent { get; private set; }

    public bool Shown => Comment.Status == CommentStatus.Approved;
    public bool CanFlag { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool sent = false, CancellationToken cancellationToken = default)
    {
        var reader = readers.Current(HttpContext);
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var mine = await db.CommentFlags.AsNoTracking().Where(f => f.CommentId == id && f.ReaderKey == reader.VoterKey)
            .Select(f => new { f.Reason, f.Note }).FirstOrDefaultAsync(cancellationToken);
        AlreadyFlagged = mine is not null;
        Sent = sent && AlreadyFlagged;
        // A comment the reader's own flag has just hidden still answers them, to say so; to anyone else it is gone.
        if (!Shown && !Sent)
        {
            return NotFound();
        }
        Reason = mine?.Reason;
        Note = mine?.Note;
        if (reader.Wrote(Comment.UserId, Comment.GuestKeyHash))
        {
            ModelState.AddModelError("", "You cannot flag your own comment; you can edit or delete it.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        CanFlag = Shown;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await flagging.FlagAsync(id, Reason, Note, readers.CurrentOrNewGuest(HttpContext), cancellationToken);
        if (result.Result.Status == WriteStatus.Ok)
        {
            return Redirect($"/comments/{id}/flag?sent=true");
        }
        if (!await LoadAsync(id, cancellationToken) || !Shown)
        {
            return NotFound();
        }
        CanFlag = result.Result.Status == WriteStatus.Invalid;
        ModelState.AddModelError(result.Result.Field ?? "", result.Result.Message ?? "That did not work.");
        Response.StatusCode = result.Result.HttpStatus;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.Comments.AsNoTracking()
            .Where(c => c.Id == id && c.Status != CommentStatus.Deleted)
            .Join(db.Articles.Published(now), c => c.ArticleId, a => a.Id, (c, a) => new
            {
                View = new CommentView(c.Id, c.ParentId, c.AuthorName, c.BodyHtml, c.CreatedAt, c.EditedAt, c.Status, c.Upvotes, c.Downvotes, c.UserId, c.GuestKeyHash),
                a.Slug,
                a.Title,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }
        (Comment, ArticleSlug, ArticleTitle) = (found.View, found.Slug, found.Title);
        return true;
    }
}
