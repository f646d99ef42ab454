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
/// Reads a page of threads in one indexed query whatever the thread's size (plus a count for the pager): the page's
/// top-level comments and every reply under them, found by their root id. The tree itself is built in memory by <see cref="ThreadBuilder"/>.
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

        // One query for the whole page of threads: its top-level comments (a sub-query, paged) and every reply under them.
        var rootIds = topLevel
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(c => c.Id);
        // No ArticleId filter here: the root ids already belong to the article, and without it SQLite looks the rows
        // up by primary key and RootId index (a multi-index OR) instead of scanning the whole article's discussion.
        var rows = await db.Comments.AsNoTracking()
            .Where(c => rootIds.Contains(c.Id) || rootIds.Select(id => (int?)id).Contains(c.RootId))
            .Where(Comment.ShownInThread)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CommentView(c.Id, c.ParentId, c.AuthorName, c.BodyHtml, c.CreatedAt, c.EditedAt, c.Status, c.Upvotes, c.Downvotes))
            .ToListAsync(cancellationToken);

        var threads = ThreadBuilder.Build(rows, c => c.Id, c => c.ParentId, c => c.IsRemoved);
        return new ThreadPage(threads, page, pageCount, FirstNumber: (page - 1) * size + 1);
    }
}
