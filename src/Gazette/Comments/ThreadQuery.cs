using Gazette.Core.Threads;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>A page of an article's discussion: some top-level comments, each with all its replies.</summary>
public sealed record ThreadPage(
    IReadOnlyList<ThreadNode<CommentView>> Threads,
    int Page,
    int PageCount,
    int FirstNumber);

/// <summary>
/// Reads a page of threads with indexed queries whatever the thread's size: the page's top-level comments, then
/// every reply under them by their root id. The tree itself is built in memory by <see cref="ThreadBuilder"/>.
/// </summary>
public sealed class ThreadQuery(GazetteDb db, IOptions<DiscussionOptions> options)
{
    public async Task<ThreadPage?> PageAsync(int articleId, int page, CancellationToken cancellationToken)
    {
        var size = options.Value.ThreadsPerPage;
        var topLevel = db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.ParentId == null)
            .Where(Comment.ShownInThread);
        var topLevelCount = await topLevel.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (topLevelCount + size - 1) / size);
        if (page < 1 || page > pageCount)
        {
            return null;
        }

        List<CommentView> rows;
        if (pageCount == 1)
        {
            // The whole discussion fits on one page: one query for all of it.
            rows = await InReadingOrder(db.Comments.AsNoTracking().Where(c => c.ArticleId == articleId))
                .ToListAsync(cancellationToken);
        }
        else
        {
            var rootIds = await topLevel
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Skip((page - 1) * size).Take(size)
                .Select(c => c.Id)
                .ToListAsync(cancellationToken);
            rows = await InReadingOrder(db.Comments.AsNoTracking()
                    .Where(c => c.ArticleId == articleId)
                    .Where(c => rootIds.Contains(c.Id) || (c.RootId != null && rootIds.Contains(c.RootId.Value))))
                .ToListAsync(cancellationToken);
        }

        var threads = ThreadBuilder.Build(rows, c => c.Id, c => c.ParentId, c => c.IsRemoved);
        return new ThreadPage(threads, page, pageCount, FirstNumber: (page - 1) * size + 1);
    }

    private static IQueryable<CommentView> InReadingOrder(IQueryable<Comment> comments) => comments
        .Where(Comment.ShownInThread)
        .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
        .Select(c => new CommentView(c.Id, c.ParentId, c.AuthorName, c.BodyHtml, c.CreatedAt, c.EditedAt, c.Status, c.Upvotes, c.Downvotes));
}
