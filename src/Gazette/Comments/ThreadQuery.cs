using System.Linq.Expressions;
using Gazette.Core.Text;
using Gazette.Core.Threads;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>A page of an article's discussion: some top-level comments, each with as many of its replies as the page's budget allows.</summary>
public sealed record ThreadPage(
    IReadOnlyList<ThreadNode<CommentView>> Threads,
    int Page,
    int PageCount,
    int FirstNumber,
    CommentSort Sort)
{
    /// <summary>Read from an outline of its threads (see <c>ThreadQuery.OutlinedAsync</c>); for tests.</summary>
    internal bool Outlined { get; init; }
}

/// <summary>One comment with a run of its replies (those from <paramref name="From"/> on, as many as the budget allows), for its own page.</summary>
public sealed record RepliesPage(ThreadNode<CommentView> Comment, int From, CommentSort Sort);

/// <summary>A comment with the article it belongs to, for the pages that act on one comment.</summary>
public sealed record CommentInContext(CommentView Comment, int ArticleId, string ArticleSlug, string ArticleTitle, int? RootId, int Depth);

/// <summary>
/// Reads pages of threads, each bounded by <see cref="DiscussionOptions.CommentBudget"/> whatever the thread's shape
/// (<see cref="CommentBudget"/> decides what is shown): the page's top-level comments, then each level of replies in one
/// indexed query that reads only the replies shown, each row with a count of its own replies (no reply is read to count
/// it). The tree itself is built in memory by <see cref="ThreadBuilder"/>.
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
            // CommentLifecycle.ShownInThread, or the reader's own.
            return c => c.Status == CommentStatus.Approved || c.Status == CommentStatus.Deleted
                || (c.UserId == userId && (c.Status == CommentStatus.Pending || (c.Status == CommentStatus.Spam && c.ModeratedAt == null)));
        }
        if (viewer?.GuestKeyHash is { } guestKey)
        {
            // CommentLifecycle.ShownInThread, or the reader's own.
            return c => c.Status == CommentStatus.Approved || c.Status == CommentStatus.Deleted
                || (c.UserId == null && c.GuestKeyHash == guestKey
                    && (c.Status == CommentStatus.Pending || (c.Status == CommentStatus.Spam && c.ModeratedAt == null)));
        }
        return CommentLifecycle.ShownInThread;
    }

    /// <summary>Whether a comment that is not shown to everyone is still shown to its author (see <see cref="ShownTo"/>).</summary>
    public static bool IsShownToItsAuthor(Comment comment) =>
        comment.Status == CommentStatus.Pending || (comment.Status == CommentStatus.Spam && comment.ModeratedAt is null);

    /// <param name="knownTopLevelCount">The count of shown top-level comments when the caller already has it.</param>
    /// <param name="knownCommentCount">The article's count of shown comments when the caller has it: within the budget, the page surely fits.</param>
    /// <param name="viewer">The reader, when the page is theirs alone (never cached): their own held comments are on it.</param>
    public async Task<ThreadPage?> PageAsync(
        int articleId, int page, CommentSort sort, CancellationToken cancellationToken, int? knownTopLevelCount = null, Reader? viewer = null,
        int? knownCommentCount = null)
    {
        if (sort == CommentSort.Picks)
        {
            return await PicksAsync(articleId, page, cancellationToken);
        }
        var settings = options.Value;
        var size = settings.TopLevelPerPage;
        var (topLevel, topLevelCount) = await TopLevelAsync(articleId, viewer, knownTopLevelCount, cancellationToken);
        var pageCount = Math.Max(1, (topLevelCount + size - 1) / size);
        if (page < 1 || page > pageCount)
        {
            return null;
        }

        var inThread = InThread(viewer);
        var pageTop = topLevel.InOrder(sort).Skip((page - 1) * size).Take(size);
        var rootIds = pageTop.Select(c => c.Id);
        if (knownCommentCount <= settings.CommentBudget
            && await WholeThreadsAsync(articleId, wholeArticle: page == 1 && topLevelCount <= size, rootIds, viewer, sort, cancellationToken) is { } threadsRead)
        {
            return new ThreadPage(threadsRead, page, pageCount, FirstNumber: (page - 1) * size + 1, sort);
        }
        if (await OutlinedAsync(rootIds, viewer, sort, cancellationToken) is { } outlined)
        {
            return new ThreadPage(outlined, page, pageCount, FirstNumber: (page - 1) * size + 1, sort) { Outlined = true };
        }
        // Threads too large to outline (thousands of replies under the page's comments): usually they still fit the
        // budget as deep as the page shows them, and one query reads them, as before there was a budget. Whether they fit is counted (no further than the budget) unless the whole discussion is smaller.
        // No ArticleId filter: the root ids already belong to the article, and without it SQLite looks the rows up by
        // primary key and RootId index (a multi-index OR) instead of scanning the whole article's discussion.
        var lastLevel = CommentLifecycle.LastDrawnLevel(settings);
        var whole = inThread.Where(c => rootIds.Contains(c.Id)
            || (rootIds.Select(id => (int?)id).Contains(c.RootId) && c.Depth <= lastLevel));
        List<CommentView>? rows = null;
        if (knownCommentCount <= settings.CommentBudget
            || await whole.Take(settings.CommentBudget + 1).CountAsync(cancellationToken) <= settings.CommentBudget)
        {
            rows = await CommentView.WithReplyCount(whole.InOrder(sort).Take(settings.CommentBudget + 1), inThread).ToListAsync(cancellationToken);
        }
        if (rows is null || rows.Count > settings.CommentBudget)
        {
            // More than the budget: the top-level comments, then their replies level by level as far as it goes.
            var top = await CommentView.WithReplyCount(pageTop, inThread).ToListAsync(cancellationToken);
            rows = await CommentBudget.SelectAsync(top, settings.CommentBudget, lastLevel, c => c.ReplyCount,
                (shares, token) => LevelAsync(shares, inThread, sort, skip: 0, token), cancellationToken);
        }
        var threads = ThreadBuilder.Build(rows, c => c.Id, c => c.ParentId, c => c.IsRemoved, c => c.ReplyCount);
        return new ThreadPage(threads, page, pageCount, FirstNumber: (page - 1) * size + 1, sort);
    }

    /// <summary>
    /// The editors' picks of a discussion, newest pick first, each alone: its replies are in the thread. Only published
    /// comments (a pick that was trashed or deleted since drops out), the same for every reader, so the page caches.
    /// </summary>
    private async Task<ThreadPage?> PicksAsync(int articleId, int page, CancellationToken cancellationToken)
    {
        var size = options.Value.TopLevelPerPage;
        var picks = db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.FeaturedAt != null && c.Status == CommentStatus.Approved);
        var count = await picks.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (count + size - 1) / size);
        if (page < 1 || page > pageCount)
        {
            return null;
        }
        var rows = await picks.OrderByDescending(c => c.FeaturedAt).ThenByDescending(c => c.Id)
            .Skip((page - 1) * size).Take(size).Select(CommentView.FromComment).ToListAsync(cancellationToken);
        var nodes = rows.Select(row => new ThreadNode<CommentView>(row, isPlaceholder: false)).ToList();
        return new ThreadPage(nodes, page, pageCount, FirstNumber: (page - 1) * size + 1, CommentSort.Picks);
    }

    /// <summary>
    /// The page's threads when the whole discussion is within the budget: one plain query for the rows, as deep as the page
    /// shows them and one level more, with what <see cref="InThread"/> and <see cref="CommentView.WithReplyCount"/> would
    /// have asked the database for each row (is a removed comment still a placeholder, how many replies) worked out here
    /// from the rows themselves. Per row subqueries cost more than the rest of the page's query together (issue 11). Null when
    /// the rows cannot tell (a removed comment one level below the page's last, whose own replies were not read) or the
    /// page does not fit after all (a reader's own held comments): the page is then read as before.
    /// </summary>
    /// <param name="wholeArticle">Every top-level comment is on the page: the article's index finds the rows, no list of roots.</param>
    private async Task<List<ThreadNode<CommentView>>?> WholeThreadsAsync(
        int articleId, bool wholeArticle, IQueryable<int> rootIds, Reader? viewer, CommentSort sort, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var shown = db.Comments.AsNoTracking().Where(ShownTo(viewer));
        var scope = wholeArticle
            ? shown.Where(c => c.ArticleId == articleId)
            : shown.Where(c => rootIds.Contains(c.Id) || rootIds.Select(id => (int?)id).Contains(c.RootId));
        // One level below the last drawn: whether a comment at the last level has replies is read from the rows.
        var belowLast = CommentLifecycle.LastDrawnLevel(settings) + 1;
        var read = await scope.Where(c => c.Depth <= belowLast).InOrder(sort).Select(CommentView.WithDepth).ToListAsync(cancellationToken);
        var rows = ThreadRows.Shape(read, belowLast);
        if (rows is null || rows.Value.Rows.Count > settings.CommentBudget)
        {
            return null;
        }
        var replyCounts = rows.Value.ReplyCounts;
        return ThreadBuilder.Build(rows.Value.Rows, c => c.Id, c => c.ParentId, c => c.IsRemoved, c => replyCounts.GetValueOrDefault(c.Id));
    }

    /// <summary>
    /// How many comments of the page's threads <see cref="OutlinedAsync"/> reads at most, in budgets (their ids, parents,
    /// depths and statuses only): beyond, the threads are read level by level, each level's replies chosen in the
    /// database. The 10,000-comment demo's first page outlines 509 comments for a budget of 200. 0 reads every page
    /// level by level (tests compare the two).
    /// </summary>
    internal int OutlineBudgets { get; init; } = 4;

    /// <summary>
    /// The page's threads when they hold more than the budget but not thousands of comments: one query reads the outline
    /// of the threads (a few small columns of every comment down to one level below the last drawn), the
    /// <see cref="CommentBudget"/> chooses the shown comments from it in memory, and a second query reads those by id.
    /// A 10,000-comment discussion's first page read level by level took a query per level, each with a count of replies
    /// per row and a union of ordered scans per parent (issue 11: twice the cost of the 300-comment page). Null when the
    /// outline is too large, or cannot tell (see <see cref="ThreadRows.Shape"/>).
    /// </summary>
    private async Task<List<ThreadNode<CommentView>>?> OutlinedAsync(IQueryable<int> rootIds, Reader? viewer, CommentSort sort, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var limit = OutlineBudgets * settings.CommentBudget;
        if (limit == 0)
        {
            return null;
        }
        var lastLevel = CommentLifecycle.LastDrawnLevel(settings);
        var belowLast = lastLevel + 1;
        var outline = await db.Comments.AsNoTracking().Where(ShownTo(viewer))
            .Where(c => rootIds.Contains(c.Id) || (rootIds.Select(id => (int?)id).Contains(c.RootId) && c.Depth <= belowLast))
            .InOrder(sort)
            .Select(c => new CommentView(c.Id, c.ParentId, null, "", c.CreatedAt, null, c.Status, 0, 0, null, null) { Depth = c.Depth })
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        if (outline.Count > limit || ThreadRows.Shape(outline, belowLast) is not { } shaped)
        {
            return null;
        }
        var replyCounts = shaped.ReplyCounts;
        var repliesOf = shaped.Rows.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!.Value);
        var top = shaped.Rows.Where(r => r.ParentId is null).ToList();
        var chosen = await CommentBudget.SelectAsync(top, settings.CommentBudget, lastLevel, c => replyCounts.GetValueOrDefault(c.Id),
            (shares, _) => Task.FromResult<IReadOnlyList<CommentView>>(shares.SelectMany(s => repliesOf[s.Parent.Id].Take(s.Take)).ToList()),
            cancellationToken);
        var ids = chosen.Select(c => c.Id).ToList();
        var read = await db.Comments.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(CommentView.FromComment).ToDictionaryAsync(c => c.Id, cancellationToken);
        // Chosen in the page's order; a comment gone since the outline was read is simply not shown.
        var rows = chosen.Where(c => read.ContainsKey(c.Id)).Select(c => read[c.Id]).ToList();
        return ThreadBuilder.Build(rows, c => c.Id, c => c.ParentId, c => c.IsRemoved, c => replyCounts.GetValueOrDefault(c.Id));
    }

    /// <summary>
    /// A page of the discussion with every reply of its threads, at any depth, in one query (the JSON API: complete,
    /// not cut by the budget).
    /// </summary>
    public async Task<ThreadPage?> WholePageAsync(int articleId, int page, CommentSort sort, CancellationToken cancellationToken)
    {
        var size = options.Value.TopLevelPerPage;
        var (topLevel, topLevelCount) = await TopLevelAsync(articleId, viewer: null, knownTopLevelCount: null, cancellationToken);
        var pageCount = Math.Max(1, (topLevelCount + size - 1) / size);
        if (page < 1 || page > pageCount)
        {
            return null;
        }
        var rootIds = topLevel.InOrder(sort).Skip((page - 1) * size).Take(size).Select(c => c.Id);
        // No ArticleId filter here: the root ids already belong to the article, and without it SQLite looks the rows
        // up by primary key and RootId index (a multi-index OR) instead of scanning the whole article's discussion.
        var rows = await db.Comments.AsNoTracking()
            .Where(c => rootIds.Contains(c.Id) || rootIds.Select(id => (int?)id).Contains(c.RootId))
            .Where(CommentLifecycle.ShownInThread)
            .InOrder(sort)
            .Select(CommentView.FromComment)
            .ToListAsync(cancellationToken);
        var threads = ThreadBuilder.Build(rows, c => c.Id, c => c.ParentId, c => c.IsRemoved);
        return new ThreadPage(threads, page, pageCount, FirstNumber: (page - 1) * size + 1, sort);
    }

    /// <summary>
    /// One comment and its replies from the <paramref name="from"/>th on (in <paramref name="sort"/>'s order), as many as the
    /// budget allows: the page a "more replies" or "continue this thread" link leads to. The comment is drawn at display
    /// level <paramref name="level"/>: 0 on a page of its own, deeper when its replies are loaded into the page that showed it.
    /// </summary>
    public async Task<RepliesPage?> RepliesAsync(
        int commentId, int from, CommentSort sort, int level, CancellationToken cancellationToken, Reader? viewer = null)
    {
        var settings = options.Value;
        var replies = InThread(viewer);
        var top = await CommentView.WithReplyCount(db.Comments.AsNoTracking().Where(c => c.Id == commentId).Where(ShownTo(viewer)), replies)
            .ToListAsync(cancellationToken);
        if (top.Count == 0)
        {
            return null;
        }
        from = Math.Max(0, from);
        var skip = from;
        var rows = await CommentBudget.SelectAsync(top, settings.CommentBudget, CommentLifecycle.LastDrawnLevel(settings) - level,
            c => c.Id == commentId ? Math.Max(0, c.ReplyCount - from) : c.ReplyCount,
            (shares, token) =>
            {
                // Only the first level, this comment's own replies, starts part way.
                var first = skip;
                skip = 0;
                return LevelAsync(shares, replies, sort, first, token);
            },
            cancellationToken);
        // The comment is the top of this page: its parent is on another.
        var threads = ThreadBuilder.Build(rows, c => c.Id, c => c.Id == commentId ? null : c.ParentId, c => c.IsRemoved, c => c.ReplyCount);
        return threads.Count == 0 ? null : new RepliesPage(threads[0], from, sort);
    }

    /// <summary>How many of its parent's replies come before a comment in <paramref name="sort"/>'s order.</summary>
    public async Task<int> PositionAsync(int commentId, CommentSort sort, CancellationToken cancellationToken, Reader? viewer = null)
    {
        var comment = await db.Comments.AsNoTracking().Where(c => c.Id == commentId)
            .Select(c => new { c.ParentId, c.CreatedAt, c.Id, c.Rank }).FirstAsync(cancellationToken);
        return await InThread(viewer).Where(c => c.ParentId == comment.ParentId)
            .Before(sort, (comment.CreatedAt, comment.Id, comment.Rank)).CountAsync(cancellationToken);
    }

    private async Task<(IQueryable<Comment> TopLevel, int Count)> TopLevelAsync(
        int articleId, Reader? viewer, int? knownTopLevelCount, CancellationToken cancellationToken)
    {
        var topLevel = db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.ParentId == null)
            .Where(ShownTo(viewer));
        // The known count is everyone's; a reader with comments of their own waiting may have more.
        var count = (viewer is null ? knownTopLevelCount : null) ?? await topLevel.CountAsync(cancellationToken);
        return (topLevel, count);
    }

    /// <summary>
    /// What a page reads of a thread, and counts of replies: the comments shown to the reader, less removed replies
    /// without a shown reply of their own (a placeholder for nothing is dropped, and would make "more replies" promise too many).
    /// </summary>
    private IQueryable<Comment> InThread(Reader? viewer)
    {
        var shown = db.Comments.AsNoTracking().Where(ShownTo(viewer));
        return shown.Where(c => c.ParentId == null || c.Status != CommentStatus.Deleted || shown.Any(r => r.ParentId == c.Id));
    }

    /// <summary>
    /// One level of a page: each parent's first replies after <paramref name="skip"/>, as many as its share, with their
    /// own reply counts; grouped by parent in the parents' order, each group in the page's order. Replies of parents
    /// that show them all are read by parent; those of a parent whose replies are cut are first chosen by an ordered
    /// index scan that stops at its share (<see cref="CommentSorts.FirstRepliesOf"/>), so a comment with 20,000 replies
    /// costs what the 200 shown cost.
    /// </summary>
    private async Task<IReadOnlyList<CommentView>> LevelAsync(
        IReadOnlyList<ReplyShare<CommentView>> shares, IQueryable<Comment> replies, CommentSort sort, int skip, CancellationToken cancellationToken)
    {
        var whole = new List<int>();
        var cut = new List<ReplyShare<CommentView>>();
        foreach (var share in shares)
        {
            if (skip == 0 && share.Take >= share.Parent.ReplyCount)
            {
                whole.Add(share.Parent.Id);
            }
            else
            {
                cut.Add(share);
            }
        }
        var chunks = cut.Chunk(CutParentsPerQuery)
            .Select(chunk => chunk.Select(s => replies.FirstRepliesOf(s.Parent.Id, sort, skip, s.Take)).Aggregate((all, next) => all.Concat(next)))
            .ToList();
        var level = replies.Where(c => c.ParentId != null && whole.Contains(c.ParentId.Value));
        if (chunks.Count == 1)
        {
            // The usual case: the cut parents' replies are chosen within the one query.
            var chosen = chunks[0];
            level = replies.Where(c => (c.ParentId != null && whole.Contains(c.ParentId.Value)) || chosen.Contains(c.Id));
        }
        else if (chunks.Count > 1)
        {
            var chosen = new List<int>();
            foreach (var chunk in chunks)
            {
                chosen.AddRange(await chunk.ToListAsync(cancellationToken));
            }
            level = replies.Where(c => (c.ParentId != null && whole.Contains(c.ParentId.Value)) || chosen.Contains(c.Id));
        }
        var rows = await CommentView.WithReplyCount(level.InOrder(sort), replies).ToListAsync(cancellationToken);

        // Rows come in the page's order; OrderBy is stable, so each parent's replies keep it.
        var position = shares.Select((s, i) => (s.Parent.Id, i)).ToDictionary(p => p.Id, p => p.i);
        return rows.OrderBy(r => position[r.ParentId!.Value]).ToList();
    }

    /// <summary>How many cut parents' reply choices go in one query (a UNION ALL of ordered, limited scans).</summary>
    private const int CutParentsPerQuery = 32;

    /// <summary>
    /// Who the comments of a page may mention (<see cref="MentionNames"/>): the names the discussion's published comments
    /// are shown under, each with its latest comment (the highest id). Read only when a comment on the page has an "@";
    /// from stored data alone, so the page caches as it did: every new comment evicts the article's pages.
    /// </summary>
    public async Task<MentionNames?> MentionsAsync(int articleId, IEnumerable<ThreadNode<CommentView>> threads, CancellationToken cancellationToken)
    {
        if (!ThreadBuilder.InReadingOrder(threads).Any(node => MentionNames.MayMention(node.Item.BodyHtml)))
        {
            return null;
        }
        var names = await db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved && c.AuthorName != null && c.AuthorName != "")
            .GroupBy(c => c.AuthorName!)
            .Select(g => new { Name = g.Key, Latest = g.Max(c => c.Id) })
            .ToListAsync(cancellationToken);
        return new MentionNames(names.Select(n => (n.Name, n.Latest)));
    }

    /// <summary>The reader's votes on the comments of a page: one query, only for readers who take part.</summary>
    public async Task<IReadOnlyDictionary<int, int>> VotesAsync(Reader reader, IReadOnlyList<ThreadNode<CommentView>> threads, CancellationToken cancellationToken)
    {
        var ids = ThreadBuilder.InReadingOrder(threads).Select(node => node.Item.Id).ToList();
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
                new CommentView(c.Id, c.ParentId, c.AuthorName, c.BodyHtml, c.CreatedAt, c.EditedAt, c.Status, c.Upvotes, c.Downvotes, c.UserId, c.GuestKeyHash)
                {
                    FeaturedAt = c.FeaturedAt,
                    FeaturedNote = c.FeaturedNote,
                },
                a.Id, a.Slug, a.Title, c.RootId, c.Depth))
            .FirstOrDefaultAsync(cancellationToken);
}
