using Gazette.Comments;
using Gazette.Core.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Articles;

/// <summary>An article and its discussion: /articles/{slug}, the discussion paged by ?page=N and ordered by ?sort=.</summary>
public sealed class ArticlePageModel(
    ArticleDetails details, TimeProvider clock, NewsOfTheWeek newsOfTheWeek, ThreadQuery threads, CommentWriter writer, Readers readers,
    IOptions<DiscussionOptions> discussionOptions, IOptions<Infrastructure.SiteOptions> site, Live.LiveFeed live, Profiles.SpeakerQuery speakers) : PageModel
{
    public ArticleView Article { get; private set; } = null!;
    public ArticleLink? Previous { get; private set; }
    public ArticleLink? Next { get; private set; }
    public IReadOnlyList<ArticleLink> Related { get; private set; } = [];
    public IReadOnlyList<WeekStory> WeekStories { get; private set; } = [];
    public DiscussionView Discussion { get; private set; } = null!;

    /// <summary>schema.org NewsArticle for search engines, with the comments on this page.</summary>
    public string JsonLd { get; private set; } = "";

    /// <summary>The body before and after the "news of the week" marker; After is null when the block goes beside the body.</summary>
    public (string Before, string? After) Body { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        string slug, [FromQuery(Name = "page")] int pageNumber = 1, [FromQuery] string? sort = null,
        CancellationToken cancellationToken = default)
    {
        var detail = await details.GetAsync(slug, cancellationToken);
        if (detail is null)
        {
            // A former address of a renamed article leads to its current one, with the same query (?page=2).
            var current = await HttpContext.RequestServices.GetRequiredService<Newsroom.OldSlugs>().CurrentSlugAsync(slug, cancellationToken);
            if (current is not null)
            {
                return RedirectPermanent($"/articles/{current}{Request.QueryString}");
            }
            // In the newsroom's trash: gone on purpose (410), not a broken link, until it is restored or purged.
            return await details.WasRemovedAsync(slug, cancellationToken) ? StatusCode(StatusCodes.Status410Gone) : NotFound();
        }
        var article = detail.Article;
        // Only a reader who has written or voted here gets personal actions (edit, delete) and sees their own comments
        // that wait for a moderator; everyone else's page is cacheable.
        var reader = Readers.HasParticipantCookie(Request) ? readers.Current(HttpContext) : null;
        // Read before the thread: the page shows at least everything up to this event, and connects from it (what it
        // shows of later events too, the script takes as already seen).
        var liveAfter = await live.LatestAsync(Live.LiveTopics.Article(article.Id), cancellationToken);
        var thread = await threads.PageAsync(article.Id, pageNumber, CommentSorts.Parse(sort), cancellationToken,
            knownTopLevelCount: detail.TopLevelCount, viewer: reader, knownCommentCount: article.CommentCount);
        if (thread is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        (Article, Previous, Next, Related) = (article, detail.Previous, detail.Next, detail.Related);
        // The page shows these articles' titles: a change to one of them (unpublishing a pinned one) evicts it too.
        if (HttpContext.Features.Get<IOutputCacheFeature>()?.Context.Tags is { } cacheTags)
        {
            foreach (var shown in detail.WeekPins.Concat(detail.Related).Append(detail.Previous).Append(detail.Next).OfType<ArticleLink>())
            {
                cacheTags.Add(Infrastructure.PageCache.Article(shown.Slug));
            }
        }
        var closed = writer.IsClosed(article.CommentsClosed, article.PublishedAt, now);
        var myVotes = reader is null ? null : await threads.VotesAsync(reader, thread.Threads, cancellationToken);
        // The editors' picks stand alone, unnumbered, and are not live: a new comment is no pick.
        var picks = thread.Sort == CommentSort.Picks;
        // Signed in, so never cached: staff get the thread's "Feature" actions.
        var staff = User.Identity?.IsAuthenticated == true
            && (await HttpContext.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, Accounts.StaffPolicies.Moderate)).Succeeded;
        var people = await speakers.ForAsync(article.Id, thread.Threads, cancellationToken);
        Discussion = new DiscussionView(article.Slug, article.CommentCount, thread, closed,
            new ThreadView(thread.Threads, picks ? null : thread.FirstNumber, article.Slug, closed, reader, now, discussionOptions.Value, MyVotes: myVotes,
                Sort: thread.Sort, Staff: staff, Mentions: await threads.MentionsAsync(article.Id, thread.Threads, cancellationToken), People: people),
            picks ? null : liveAfter);
        Body = ArticleMarkdown.SplitAtNewsOfTheWeek(article.BodyHtml);
        // Kept with the page in the cache.
        Infrastructure.SecurityHeaders.AllowEmbedFrames(Response, article.BodyHtml);
        // What the page says to machines is what everyone sees: not the reader's own comments that wait or were kept back.
        JsonLd = NewsArticleJsonLd.For(article, thread.Threads.Where(node => CommentLifecycle.IsShown(node.Item.Status)), site.Value, Request);
        WeekStories = await newsOfTheWeek.ForArticleAsync(article.Slug, detail.WeekPins, cancellationToken);
        return Page();
    }
}
