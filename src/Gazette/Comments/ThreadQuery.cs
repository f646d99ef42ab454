using System.Linq.Expressions;
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
    int FirstNumber,
    CommentSort Sort);

/// <summary>A comment with the article it belongs to, for the pages that act on one comment.</summary>
public sealed record CommentInContext(CommentView Comment, int ArticleId, string ArticleSlug, string ArticleTitle, int? RootId, int Depth);

/// <summary>
/// Reads a page of threads in one indexed query whatever the thread's size (plus a count for the pager): the page's
/// top-level comments and every reply under them, found by their root id. The tree itself is built in memory by <see cref="ThreadBuilder"/>.
/// </summary>
public sealed class ThreadQuery(GazetteDb db, IOptions<DiscussionOptions> options)
{
    /// <summary>
    /// What a reader sees of a discussion: the shown comments, and their own comments that nobody else sees: those
    /// waiting for a moderator (marked so) and those screened as spam without a word to them (a shadow ban, the form's
    /// traps), shown as if published until a moderator decides (<see cref="Comment.ModeratedAt"/> is then set).
    /// </summary>
    public static Expression<Func<Comment, bool>> ShownTo(Reader? viewer)
    {
        if (viewer?.UserId is { } userId)
        {
            return c => c.Status == CommentStatus.Approved || c.Status == CommentStatus.Deleted
                || (c.UserId == userId && (c.Status == CommentStatus.Pending || (c.Status == CommentStatus.Spam && c.ModeratedAt == null)));
        }
        if (viewer?.GuestKeyHash is { } guestKey)
        {
            return c => c.Status == CommentStatus.Approved || c.Status == CommentStatus.Deleted
                || (c.UserId == null && c.GuestKeyHash == guestKey
                    && (c.Status == CommentStatus.Pending || (c.Status == CommentStatus.Spam && c.ModeratedAt == null)));
        }
        return Comment.ShownInThread;
    }

    /// <summary>Whether a comment that is not shown to everyone is still shown to its author (see <see cref="ShownTo"/>).</summary>
    public static bool IsShownToItsAuthor(Comment comment) =>
        comment.Status == CommentStatus.Pending || (comment.Status == CommentStatus.Spam && comment.ModeratedAt is null);

    /// <param name="wholeThreads">Read every reply (the API); otherwise only the levels a page shows, plus one.</param>
    /// <param name="knownTopLevelCount">The count of shown top-level comments when the caller already has it.</param>
    /// <param name="viewer">The reader, when the page is theirs alone (never cached): their own held comments are on it.</param>
    public async Task<ThreadPage?> PageAsync(
        int articleId, int page, CommentSort sort, CancellationToken cancellationToken, bool wholeThreads = false, int? knownTopLevelCount = null,
        Reader? viewer = null)
    {
        var size = options.Value.ThreadsPerPage;
        var shown = ShownTo(viewer);
        var topLevel = db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.ParentId == null)
            .Where(shown);
        // The known count is everyone's; a reader with comments of their own waiting may have more.
        var topLevelCount = (viewer is null ? knownTopLevelCount : null) ?? await topLevel.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (topLevelCount + size - 1) / size);
        if (page < 1 || page > pageCount)
        {
            return null;
        }

        // One query for the whole page of threads: its top-level comments (a sub-query, paged) and every reply under them.
        var rootIds = topLevel.InOrder(sort)
            .Skip((page - 1) * size).Take(size)
            .Select(c => c.Id);
        // No ArticleId filter here: the root ids already belong to the article, and without it SQLite looks the rows
        // up by primary key and RootId index (a multi-index OR) instead of scanning the whole article's discussion.
        // Replies deeper than the page shows are not read: one level past the last shown is enough to know that a
        // thread continues on its own page.
        var deepest = wholeThreads ? int.MaxValue : options.Value.MaxDisplayDepth;
        var rows = await db.Comments.AsNoTracking()
            .Where(c => rootIds.Contains(c.Id) || rootIds.Select(id => (int?)id).Contains(c.RootId))
            .Where(c => c.Depth <= deepest)
            .Where(shown)
            .InOrder(sort)
            .Select(CommentView.FromComment)
            .ToListAsync(cancellationToken);

        var threads = ThreadBuilder.Build(rows, c => c.Id, c => c.ParentId, c => c.IsRemoved);
        return new ThreadPage(threads, page, pageCount, FirstNumber: (page - 1) * size + 1, sort);
    }

    /// <summary>The sub-thread under one comment, for "continue this thread": its whole top-level thread in one query, then cut.</summary>
    public async Task<ThreadNode<CommentView>?> SubThreadAsync(int commentId, int rootId, CancellationToken cancellationToken, Reader? viewer = null)
    {
        var rows = await db.Comments.AsNoTracking()
            .Where(c => c.Id == rootId || c.RootId == rootId)
            .Where(ShownTo(viewer))
            .InOrder(CommentSort.Oldest)
            .Select(CommentView.FromComment)
            .ToListAsync(cancellationToken);
        var threads = ThreadBuilder.Build(rows, c => c.Id, c => c.ParentId, c => c.IsRemoved);
        return Find(threads, commentId);

        static ThreadNode<CommentView>? Find(IEnumerable<ThreadNode<CommentView>> nodes, int id)
        {
            var stack = new Stack<ThreadNode<CommentView>>(nodes);
            while (stack.TryPop(out var node))
            {
                if (node.Item.Id == id)
                {
                    return node;
                }
                node.Replies.ForEach(stack.Push);
            }
            return null;
        }
    }

    /// <summary>The reader's votes on the comments of a page: one query, only for readers who take part.</summary>
    public async Task<IReadOnlyDictionary<int, int>> VotesAsync(Reader reader, IReadOnlyList<ThreadNode<CommentView>> threads, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        var stack = new Stack<ThreadNode<CommentView>>(threads);
        while (stack.TryPop(out var node))
        {
            ids.Add(node.Item.Id);
            node.Replies.ForEach(stack.Push);
        }
        var voterKey = reader.VoterKey;
        return await db.CommentVotes.AsNoTracking()
            .Where(v => v.VoterKey == voterKey && ids.Contains(v.CommentId))
            .ToDictionaryAsync(v => v.CommentId, v => v.Value, cancellationToken);
    }

    /// <summary>One shown comment of a published article (or one of the viewer's own they alone see), or null.</summary>
    public Task<CommentInContext?> OneAsync(int commentId, DateTime now, CancellationToken cancellationToken, Reader? viewer = null) =>
        db.Comments.AsNoTracking()
            .Where(c => c.Id == commentId).Where(ShownTo(viewer))
            .Join(Articles.PublishedArticles.Published(db.Articles, now), c => c.ArticleId, a => a.Id, (c, a) => new CommentInContext(
                new CommentView(c.Id, c.ParentId, c.AuthorName, c.BodyHtml, c.CreatedAt, c.EditedAt, c.Status, c.Upvotes, c.Downvotes, c.UserId, c.GuestKeyHash),
                a.Id, a.Slug, a.Title, c.RootId, c.Depth))
            .FirstOrDefaultAsync(cancellationToken);
}
