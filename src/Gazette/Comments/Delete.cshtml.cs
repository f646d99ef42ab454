using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

public sealed class DeleteModel(ThreadQuery threads, CommentWriter writer, Readers readers, TimeProvider clock)
    : OneCommentPage(threads, readers, clock)
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!Owns)
        {
            return RefuseOnSight(WriteStatus.Forbidden, "Only the author of a comment can delete it.");
        }
        return Target.Comment.IsRemoved ? RefuseOnSight(WriteStatus.Conflict, "This comment has already been deleted.") : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var result = await writer.DeleteAsync(id, Reader, cancellationToken);
        return result.Status == WriteStatus.Ok
            ? CommentForms.Done(this, result, $"/articles/{Target.ArticleSlug}#comments")
            : CommentForms.Refused(this, result);
    }
}
