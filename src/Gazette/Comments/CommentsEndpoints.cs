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

    /// <summary>A comment's permalink: the page of its article's discussion that shows it, scrolled to it.</summary>
    internal static async Task<Results<RedirectHttpResult, NotFound>> GoToComment(
        int id, GazetteDb db, TimeProvider clock, IOptions<DiscussionOptions> options, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var target = await db.Comments.AsNoTracking()
            .Where(c => c.Id == id).Where(Comment.ShownInThread)
            .Join(db.Articles.Published(now),
                c => c.ArticleId, a => a.Id, (c, a) => new { a.Slug, c.ArticleId, RootId = c.RootId ?? c.Id })
            .FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return TypedResults.NotFound();
        }
        var root = await db.Comments.AsNoTracking().Where(c => c.Id == target.RootId).Select(c => new { c.CreatedAt, c.Id }).FirstAsync(cancellationToken);
        var before = await db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == target.ArticleId && c.ParentId == null)
            .Where(Comment.ShownInThread)
            .CountAsync(c => c.CreatedAt < root.CreatedAt || (c.CreatedAt == root.CreatedAt && c.Id < root.Id), cancellationToken);
        var page = before / options.Value.ThreadsPerPage + 1;
        var query = page == 1 ? "" : $"?page={page}";
        return TypedResults.Redirect($"/articles/{target.Slug}{query}#comment-{id}");
    }
}
