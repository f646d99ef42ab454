using Gazette.Articles;
using Gazette.Core.Threads;
using Gazette.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

public static class CommentsEndpoints
{
    public static IEndpointRouteBuilder MapComments(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/comments/{id:int}", GoToComment);
        return routes;
    }

    /// <summary>
    /// A comment's permalink: the page of its article's discussion that shows it, in the reader's sort order
    /// (?sort=), scrolled to it. A reply that page does not show (deeper than article pages show, or beyond the page's
    /// comment budget) lands on its parent's page of replies, starting at it.
    /// </summary>
    internal static async Task<Results<RedirectHttpResult, NotFound>> GoToComment(
        int id, GazetteDb db, ThreadQuery threads, TimeProvider clock, IOptions<DiscussionOptions> options, Readers readers, HttpContext context,
        string? sort = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The author of a held comment is led to it too: the page they land on shows it to them, marked as waiting.
        var viewer = Readers.HasParticipantCookie(context.Request) ? readers.Current(context) : null;
        var shown = ThreadQuery.ShownTo(viewer);
        var target = await db.Comments.AsNoTracking()
            .Where(c => c.Id == id).Where(shown)
            .Join(db.Articles.Published(now),
                c => c.ArticleId, a => a.Id, (c, a) => new { a.Slug, c.ArticleId, c.ParentId, c.Depth, RootId = c.RootId ?? c.Id })
            .FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return TypedResults.NotFound();
        }

        var order = CommentSorts.Parse(sort);
        if (CommentLifecycle.IsDrawnInPlace(target.Depth, options.Value))
        {
            var root = await db.Comments.AsNoTracking().Where(c => c.Id == target.RootId)
                .Select(c => new { c.CreatedAt, c.Id, c.Rank }).FirstAsync(cancellationToken);
            // How many top-level comments come before this one's in the chosen order.
            var before = await db.Comments.AsNoTracking()
                .Where(c => c.ArticleId == target.ArticleId && c.ParentId == null)
                .Where(shown)
                .Before(order, (root.CreatedAt, root.Id, root.Rank))
                .CountAsync(cancellationToken);
            var page = before / options.Value.TopLevelPerPage + 1;
            var onPage = target.ParentId is null
                || await threads.PageAsync(target.ArticleId, page, order, cancellationToken, viewer: viewer) is { } thread
                    && ThreadBuilder.InReadingOrder(thread.Threads).Any(node => node.Item.Id == id);
            if (onPage)
            {
                return TypedResults.Redirect($"{DiscussionView.Href(target.Slug, page, order)}#comment-{id}");
            }
        }
        var position = await threads.PositionAsync(id, order, cancellationToken, viewer);
        return TypedResults.Redirect($"{ThreadView.RepliesHref(target.ParentId!.Value, position, order)}#comment-{id}");
    }
}
