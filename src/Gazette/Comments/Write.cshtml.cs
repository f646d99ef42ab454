using Gazette.Articles;
using Gazette.Data;
using Gazette.Moderation.Screening;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>
/// The comment form: /articles/{slug}/comment, or ?replyTo={id} for a reply. Without JavaScript it is a page of its
/// own that posts and redirects to the new comment; with JavaScript the same form is fetched into the thread.
/// </summary>
// A field over the framework's 4 MB per value would fail before the page runs (a bare 400, the text gone): the server's
// request size limit bounds the form instead, and the page refuses a long text with its start kept (CommentForms.KeepForEcho).
[RequestFormLimits(ValueLengthLimit = int.MaxValue)]
public sealed class WriteModel(
    GazetteDb db, ThreadQuery threads, CommentWriter writer, Readers readers, TimeProvider clock, IOptions<DiscussionOptions> options,
    FormTiming timing) : PageModel
{
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? AuthorName { get; set; }
    [BindProperty] public string? AuthorEmail { get; set; }
    [BindProperty] public bool NotifyReplies { get; set; }

    /// <summary>The trap field people never see (<see cref="FormTiming.TrapField"/>).</summary>
    [BindProperty(Name = FormTiming.TrapField)] public string? Trap { get; set; }

    /// <summary>When the form was first shown, sealed (<see cref="FormTiming.ShownField"/>); kept when the form comes back with an error.</summary>
    [BindProperty(Name = FormTiming.ShownField)] public string? Shown { get; set; }
    [BindProperty(SupportsGet = true)] public int? ReplyTo { get; set; }

    /// <summary>The order the reader was reading in, so that the new comment is shown in it.</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    public ArticleLink Article { get; private set; } = null!;
    public CommentView? Parent { get; private set; }
    public bool Closed { get; private set; }
    public Reader Reader { get; private set; } = null!;
    public DiscussionOptions Rules => options.Value;

    /// <summary>Refused because the member has not verified their address: the page offers to send the link again.</summary>
    public bool MustVerifyEmail { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }
        if (ReplyTo is { } parentId && Parent is null)
        {
            var own = await threads.OneAsync(parentId, clock.GetUtcNow().UtcDateTime, cancellationToken, Reader);
            // Above the form (the summary shows errors of no field): there is no field to put it next to.
            ModelState.AddModelError("", own?.Comment.IsAwaitingModeration == true
                ? "Your comment is waiting for a moderator: it can be answered once it is published."
                : "The comment you want to reply to does not exist or was deleted.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        var result = await writer.PostAsync(slug, new CommentInput(Body, AuthorName, AuthorEmail, ReplyTo, NotifyReplies),
            readers.CurrentOrNewGuest(HttpContext), cancellationToken, timing.Read(Trap, Shown));
        if (result.Status == WriteStatus.Ok)
        {
            var sort = CommentSorts.Parse(Sort).QueryValue();
            return CommentForms.Done(this, result, sort is null ? null : $"/comments/{result.CommentId}?sort={sort}");
        }
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }
        MustVerifyEmail = result.MustVerifyEmail;
        var refused = CommentForms.Refused(this, result);
        Body = CommentForms.KeepForEcho(this, nameof(Body), Body);
        AuthorName = CommentForms.KeepForEcho(this, nameof(AuthorName), AuthorName);
        AuthorEmail = CommentForms.KeepForEcho(this, nameof(AuthorEmail), AuthorEmail);
        return refused;
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var article = await db.Articles.AsNoTracking().Published(now).Where(a => a.Slug == slug)
            .Select(a => new { Link = new ArticleLink(a.Slug, a.Title, a.PublishedAt), a.Id, a.CommentsClosed })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return false;
        }
        Article = article.Link;
        Closed = writer.IsClosed(article.CommentsClosed, article.Link.PublishedAt, now);
        // A form shown again after a refusal keeps the time it was first shown: the reader has been at it since.
        Shown = timing.ShownAt(Shown) is null ? timing.Stamp() : Shown;
        Reader = readers.Current(HttpContext);
        if (ReplyTo is { } parentId && await threads.OneAsync(parentId, now, cancellationToken) is { } parent
            && parent.ArticleId == article.Id && !parent.Comment.IsRemoved)
        {
            Parent = parent.Comment;
        }
        return true;
    }
}
