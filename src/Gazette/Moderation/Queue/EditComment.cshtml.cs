using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Moderation;

/// <summary>/admin/moderation/comments/{id}/edit: a moderator corrects a comment's text (a link taken out, a slur masked).</summary>
[Authorize(Policy = StaffPolicies.Moderate)]
public sealed class EditCommentModel(GazetteDb db, CommentStatusChanges changes, IOptions<DiscussionOptions> discussion, Live.LiveFeed live) : PageModel
{
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string AuthorName { get; private set; } = "";
    public string ArticleTitle { get; private set; } = "";
    public string ArticleSlug { get; private set; } = "";
    public CommentStatus Status { get; private set; }
    public int MaxBodyLength => discussion.Value.MaxBodyLength;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Body = await db.Comments.Where(c => c.Id == id).Select(c => c.Body).FirstAsync(cancellationToken);
        // The other moderators' queues say this comment is open with this moderator ("open with Sam").
        await live.OpenedAsync(id, Moderator.Of(User).Name, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await changes.EditAsync(id, Body, Moderator.Of(User), Note, cancellationToken);
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect(Back);
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        ModelState.AddModelError(result.Field == nameof(Comment.Body) ? nameof(Body) : "", result.Message ?? "That did not work.");
        Response.StatusCode = result.HttpStatus;
        return Page();
    }

    /// <summary>Where to go after saving: the queue page it came from (only an address on this site), else the queue.</summary>
    public string Back => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith("/admin/", StringComparison.Ordinal)
        ? ReturnUrl : "/admin/moderation";

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var found = await db.Comments.AsNoTracking().Where(c => c.Id == id)
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { c.AuthorName, c.Status, a.Title, a.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }
        AuthorName = string.IsNullOrWhiteSpace(found.AuthorName) ? CommentView.AnonymousName : found.AuthorName;
        (Status, ArticleTitle, ArticleSlug) = (found.Status, found.Title, found.Slug);
        return true;
    }
}
