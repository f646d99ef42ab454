using Gazette.Comments;
using Gazette.Core.Threads;
using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Live;

/// <summary>
/// /comments/{id}/live: one public comment drawn exactly as its thread draws it for everyone (the thread's own
/// markup, escaped and sanitized as there), without its replies, for a live page to put in place. A deleted one is its
/// placeholder; one that is not public is not found, whoever asks. Anonymous, so the page cache answers it for everyone.
/// </summary>
public sealed class LiveCommentModel(
    ThreadQuery threads, GazetteDb db, CommentWriter writer, TimeProvider clock, IOptions<DiscussionOptions> options, Profiles.SpeakerQuery speakers)
    : PageModel
{
    public ThreadView Thread { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery] string? sort, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var target = await threads.OneAsync(id, now, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == target.ArticleId)
            .Select(a => new { a.CommentsClosed, a.PublishedAt }).FirstAsync(cancellationToken);
        var node = new ThreadNode<CommentView>(target.Comment, isPlaceholder: target.Comment.IsRemoved);
        Thread = new ThreadView([node], null, target.ArticleSlug, writer.IsClosed(article.CommentsClosed, article.PublishedAt, now),
            Reader: null, now, options.Value, Sort: CommentSorts.Parse(sort), Mentions: await threads.MentionsAsync(target.ArticleId, [node], cancellationToken),
            People: await speakers.ForAsync(target.ArticleId, [node], cancellationToken));
        return Page();
    }
}
