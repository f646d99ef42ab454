using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>What the pages acting on one comment (edit, delete, vote, its sub-thread) share: finding it, and who asks.</summary>
public abstract class OneCommentPage(ThreadQuery threads, Readers readers, TimeProvider clock) : PageModel
{
    protected ThreadQuery Threads { get; } = threads;
    protected Readers Identities { get; } = readers;

    public CommentInContext Target { get; private set; } = null!;
    public Reader Reader { get; private set; } = null!;
    public DateTime Now { get; private set; }

    protected async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Reader = Identities.Current(HttpContext);
        // The reader's own held comment is theirs to edit or delete: it exists for them alone.
        var target = await Threads.OneAsync(id, Now, cancellationToken, Reader);
        if (target is null)
        {
            return false;
        }
        Target = target;
        return true;
    }

    public bool Owns => Reader.Wrote(Target.Comment.UserId, Target.Comment.GuestKeyHash);

    /// <summary>The page again with the reason on it, for a refusal known before any form is sent.</summary>
    protected IActionResult RefuseOnSight(WriteStatus status, string message) =>
        CommentForms.Refused(this, WriteResult.Error(status, message));
}
