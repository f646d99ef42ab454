using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>
/// A comment's page of replies, /comments/{id}/thread: where "continue this thread" leads (replies deeper than article
/// pages show) and "N more replies" (replies the comment budget left out, from ?from=N, the first not shown), in the
/// reader's ?sort=. Bounded by the budget like any page, with its own "more replies" links further on.
/// ?level=N draws the comment at that display level, so that discussion.js can put its replies in place at the right depth.
/// </summary>
public sealed class SubThreadModel(ThreadQuery threads, Readers readers, TimeProvider clock,
    IOptions<DiscussionOptions> options, Profiles.SpeakerQuery speakers) : OneCommentPage(threads, readers, clock)
{
    public ThreadView Thread { get; private set; } = null!;

    /// <summary>Which of the comment's replies are shown, when not all of them are (replies 200 to 398 of 20,000).</summary>
    public (int First, int Last, int Of)? Window { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        int id, [FromQuery] int from = 0, [FromQuery] string? sort = null, [FromQuery] int level = 0, CancellationToken cancellationToken = default)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var reader = Readers.HasParticipantCookie(Request) ? Reader : null;
        // A level the page could not draw replies at is drawn as its own page.
        level = level < 0 || level >= CommentLifecycle.LastDrawnLevel(options.Value) ? 0 : level;
        var replies = await Threads.RepliesAsync(id, from, CommentSorts.Parse(sort), level, cancellationToken, reader);
        if (replies is null)
        {
            return NotFound();
        }
        Thread = new ThreadView([replies.Comment], null, Target.ArticleSlug, Closed: false, reader, Now, options.Value,
            DepthOffset: -level, Sort: replies.Sort, Window: new RepliesFrom(id, replies.From),
            Mentions: await Threads.MentionsAsync(Target.ArticleId, [replies.Comment], cancellationToken),
            People: await speakers.ForAsync(Target.ArticleId, [replies.Comment], cancellationToken));
        Window = Thread.WindowOf(replies.Comment);
        return Page();
    }
}
