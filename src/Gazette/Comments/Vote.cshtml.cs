using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

public sealed class VoteModel(ThreadQuery threads, CommentWriter writer, Readers readers, TimeProvider clock)
    : OneCommentPage(threads, readers, clock)
{
    [BindProperty(SupportsGet = true)] public int Value { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) && !Target.Comment.IsRemoved ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await writer.VoteAsync(id, Value, Identities.CurrentOrNewGuest(HttpContext), cancellationToken);
        if (result.Status == WriteStatus.Ok)
        {
            return CommentForms.Done(this, result);
        }
        return await LoadAsync(id, cancellationToken) ? CommentForms.Refused(this, result) : NotFound();
    }
}
