using Gazette.Data;
using Gazette.Moderation.Screening;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

// As on the comment form (WriteModel): a rewrite over 4 MB is refused by the page, its start kept, not by the form reader.
[RequestFormLimits(ValueLengthLimit = int.MaxValue)]
public sealed class EditModel(GazetteDb db, ThreadQuery threads, CommentWriter writer, Readers readers, TimeProvider clock,
    IOptions<DiscussionOptions> options, FormTiming timing) : OneCommentPage(threads, readers, clock)
{
    [BindProperty] public string? Body { get; set; }
    public bool CanEdit { get; private set; }
    public DiscussionOptions Rules => options.Value;

    /// <summary>
    /// The edit came after the window closed: the rewrite is offered as a new comment, a reply to this one (or, while
    /// this one waits for a moderator and cannot be answered, a comment of its own), so that nothing typed is lost.
    /// </summary>
    public bool OfferAsNewComment { get; private set; }

    /// <summary>The comment a rewrite offered as a new comment answers; null when it goes at the top level.</summary>
    public int? NewCommentReplyTo => Target.Comment.IsAwaitingModeration ? null : Target.Comment.Id;

    /// <summary>The hidden field of the comment form that says when it was shown (<see cref="FormTiming"/>).</summary>
    public string Shown { get; private set; } = "";

    /// <summary>The last moment the comment may be edited.</summary>
    public DateTime EditableUntil => CommentLifecycle.EditableUntil(Target.Comment.CreatedAt, Rules);

    /// <summary>The time left to edit, in words ("14 minutes").</summary>
    public string TimeLeft => EditTimeLeft.InWords(EditableUntil - Now);

    /// <summary>The whole seconds left to edit, for the script that counts them down.</summary>
    public long SecondsLeft => Math.Max(0, (long)(EditableUntil - Now).TotalSeconds);

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
        OfferAsNewComment = result.Status == WriteStatus.Conflict && Owns && !Target.Comment.IsRemoved
            && !CommentLifecycle.InEditWindow(Target.Comment.CreatedAt, Now, Rules) && !string.IsNullOrWhiteSpace(Body);
        if (OfferAsNewComment)
        {
            Shown = timing.Stamp();
            result = result with
            {
                Message = $"{result.Message} Your rewrite has not been saved: it is below, to post as a new " +
                    $"{(NewCommentReplyTo is null ? "comment" : "reply to your comment")} or to copy.",
            };
        }
        var refused = CommentForms.Refused(this, result);
        Body = CommentForms.KeepForEcho(this, nameof(Body), Body);
        return refused;
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
