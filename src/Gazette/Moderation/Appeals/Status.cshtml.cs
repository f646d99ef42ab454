using Gazette.Comments;
using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Moderation;

/// <summary>
/// /comments/{id}/status: the statement of reasons for the comment's author (and nobody else: to others it does not
/// exist): its status in plain words, each rule or moderator decision that applied, and the appeal form while it is
/// held or taken down; then the appeal's outcome.
/// </summary>
public sealed class StatusModel(GazetteDb db, Appealing appealing, Readers readers) : PageModel
{
    [BindProperty] public string? Text { get; set; }

    public CommentView Comment { get; private set; } = null!;
    public string ArticleSlug { get; private set; } = "";
    public string ArticleTitle { get; private set; } = "";
    public ModerationRecord Record { get; private set; } = new([], 0);
    public IReadOnlyList<Appeal> Appeals { get; private set; } = [];
    public bool Sent { get; private set; }

    /// <summary>Hidden by a shadow ban: its author is shown it as published, as everywhere else.</summary>
    public bool Shadowed => Appealing.IsShadowed(Record);
    public CommentStatus ShownStatus => Shadowed ? CommentStatus.Approved : Comment.Status;
    public bool HasOpenAppeal => Appeals.Any(a => a.Status == AppealStatus.Open);
    public bool CanAppeal => Appealing.CanAppeal(Comment.Status, Record) && !HasOpenAppeal;

    public async Task<IActionResult> OnGetAsync(int id, bool sent = false, CancellationToken cancellationToken = default)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Sent = sent && HasOpenAppeal;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await appealing.AppealAsync(id, Text, readers.Current(HttpContext), cancellationToken);
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect($"/comments/{id}/status?sent=true");
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        ModelState.AddModelError(result.Field ?? "", result.Message ?? "That did not work.");
        Response.StatusCode = result.HttpStatus;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var reader = readers.Current(HttpContext);
        var found = await db.Comments.AsNoTracking().Where(c => c.Id == id)
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new
            {
                View = new CommentView(c.Id, c.ParentId, c.AuthorName, c.BodyHtml, c.CreatedAt, c.EditedAt, c.Status, c.Upvotes, c.Downvotes, c.UserId, c.GuestKeyHash),
                c.ModerationReasons,
                a.Slug,
                a.Title,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null || !reader.Wrote(found.View.UserId, found.View.GuestKeyHash))
        {
            return false;
        }
        (Comment, ArticleSlug, ArticleTitle) = (found.View, found.Slug, found.Title);
        Record = ModerationRecord.Read(found.ModerationReasons);
        Appeals = await db.Appeals.AsNoTracking().Where(a => a.CommentId == id).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        return true;
    }

    public static string Statement(CommentStatus status) => status switch
    {
        CommentStatus.Approved => "Published: everyone can read it.",
        CommentStatus.Pending => "Awaiting moderation: only you can see it until a moderator has looked at it.",
        CommentStatus.Spam => "Marked as spam: nobody but you can see it.",
        CommentStatus.Trashed => "Removed by a moderator: nobody but you can see it.",
        _ => "You deleted it.",
    };
}
