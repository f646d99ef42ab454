using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

public sealed class EditModel(GazetteDb db, ThreadQuery threads, CommentWriter writer, Readers readers, TimeProvider clock,
    IOptions<DiscussionOptions> options) : OneCommentPage(threads, readers, clock)
{
    [BindProperty] public string? Body { get; set; }
    public bool CanEdit { get; private set; }
    public DiscussionOptions Rules => options.Value;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Body = await db.Comments.Where(c => c.Id == id).Select(c => c.Body).FirstAsync(cancellationToken);
        return Check() ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await writer.EditAsync(id, Body, Identities.Current(HttpContext), cancellationToken);
        if (result.Status == WriteStatus.Ok)
        {
            return CommentForms.Done(this, result);
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        CanEdit = result.Status == WriteStatus.Invalid;
        return CommentForms.Refused(this, result);
    }

    private IActionResult? Check()
    {
        if (!Owns)
        {
            return RefuseOnSight(WriteStatus.Forbidden, "Only the author of a comment can edit it.");
        }
        if (Target.Comment.IsRemoved)
        {
            return RefuseOnSight(WriteStatus.Conflict, "This comment has been deleted.");
        }
        if (!CommentLifecycle.InEditWindow(Target.Comment.CreatedAt, Now, Rules))
        {
            return RefuseOnSight(WriteStatus.Conflict, CommentLifecycle.EditWindowPassed(Rules));
        }
        CanEdit = true;
        return null;
    }
}
