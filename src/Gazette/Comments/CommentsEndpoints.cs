using Gazette.Articles;
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
    /// (?sort=), scrolled to it. A reply deeper than article pages show lands on its parent's continued thread.
    /// </summary>
    internal static async Task<Results<RedirectHttpResult, NotFound>> GoToComment(
        int id, GazetteDb db, TimeProvider clock, IOptions<DiscussionOptions> options, Readers readers, HttpContext context,
        string? sort = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The author of a held comment is led to it too: the page they land on shows it to them, marked as waiting.
        var shown = ThreadQuery.ShownTo(Readers.HasParticipantCookie(context.Request) ? readers.Current(context) : null);
        var target = await db.Comments.AsNoTracking()
            .Where(c => c.Id == id).Where(shown)
            .Join(db.Articles.Published(now),
                c => c.ArticleId, a => a.Id, (c, a) => new { a.Slug, c.ArticleId, c.ParentId, c.Depth, RootId = c.RootId ?? c.Id })
            .FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return TypedResults.NotFound();
        }
        if (target.Depth >= options.Value.MaxDisplayDepth)
        {
            return TypedResults.Redirect($"/comments/{target.ParentId}/thread#comment-{id}");
        }

        var order = CommentSorts.Parse(sort);
        var root = await db.Comments.AsNoTracking().Where(c => c.Id == target.RootId)
            .Select(c => new { c.CreatedAt, c.Id, c.Rank }).FirstAsync(cancellationToken);
        var topLevel = db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == target.ArticleId && c.ParentId == null)
            .Where(shown);
        // How many top-level comments come before this one's in the chosen order (CommentSorts.InOrder).
        var before = await (order switch
        {
            CommentSort.Newest => topLevel.Where(c => c.CreatedAt > root.CreatedAt || (c.CreatedAt == root.CreatedAt && c.Id > root.Id)),
            CommentSort.Best => topLevel.Where(c => c.Rank > root.Rank
                || (c.Rank == root.Rank && (c.CreatedAt < root.CreatedAt || (c.CreatedAt == root.CreatedAt && c.Id < root.Id)))),
            _ => topLevel.Where(c => c.CreatedAt < root.CreatedAt || (c.CreatedAt == root.CreatedAt && c.Id < root.Id)),
        }).CountAsync(cancellationToken);
        var page = before / options.Value.ThreadsPerPage + 1;
        return TypedResults.Redirect($"{DiscussionView.Href(target.Slug, page, order)}#comment-{id}");
    }
}
