using Gazette.Comments;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Moderation;

/// <summary>The queue's tabs: a status, or what waits on readers (flags) and authors (appeals).</summary>
public enum QueueTab
{
    Pending,
    Spam,
    Trashed,
    Approved,
    Flagged,
    Appealed,
}

/// <summary>What the queue shows: a tab, narrowed to an article (its slug), a rule that fired, an author (name, email or account).</summary>
public sealed record QueueFilter(QueueTab Tab, string? Article = null, string? Reason = null, string? Author = null);

/// <summary>One comment as the queue shows it.</summary>
public sealed record QueueComment(
    int Id, CommentStatus Status, string ArticleSlug, string ArticleTitle, string? AuthorName, string? AuthorEmail, string? UserId,
    string? GuestKeyHash, string? IpHash, DateTime CreatedAt, DateTime? EditedAt, string Body, string? Reasons, double SpamScore,
    DateTime? ModeratedAt, string? ModeratedBy)
{
    public string DisplayName => string.IsNullOrWhiteSpace(AuthorName) ? CommentView.AnonymousName : AuthorName;
}

public sealed record FlagView(FlagReason Reason, string? Note, DateTime CreatedAt, bool Open);

public sealed record AppealView(int Id, string Text, DateTime CreatedAt);

/// <summary>A comment with everything a moderator decides by: the record of reasons, the flags, the open appeal, the account.</summary>
public sealed record QueueCard(QueueComment Comment, ModerationRecord Record, IReadOnlyList<FlagView> Flags, AppealView? Appeal, string? AccountName, string? AccountEmail)
{
    public IEnumerable<string> Matches => Record.Reasons.SelectMany(r => r.Matches);
    public int OpenFlags => Flags.Count(f => f.Open);
}

/// <summary>What waits for moderators.</summary>
public sealed record WaitingCounts(int Pending, int Flagged, int Appeals);

/// <summary>Reads the moderation queue: filtered, paged, newest first, with each comment's flags and appeal in two more queries.</summary>
public sealed class ModerationQueue(GazetteDb db)
{
    public Task<int> PendingAsync(CancellationToken cancellationToken) =>
        db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);

    public async Task<WaitingCounts> CountsAsync(CancellationToken cancellationToken) => new(
        await PendingAsync(cancellationToken),
        await Flagged(db.Comments).CountAsync(cancellationToken),
        await db.Appeals.CountAsync(a => a.Status == AppealStatus.Open, cancellationToken));

    public Task<(IReadOnlyList<QueueCard> Cards, int Total)> PageAsync(QueueFilter filter, int page, int size, CancellationToken cancellationToken) =>
        PageAsync(Filter(filter), page, size, cancellationToken);

    /// <summary>A page of these comments, newest first, as cards.</summary>
    public async Task<(IReadOnlyList<QueueCard> Cards, int Total)> PageAsync(IQueryable<Comment> comments, int page, int size, CancellationToken cancellationToken)
    {
        var total = await comments.CountAsync(cancellationToken);
        var rows = await comments
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { c, a.Slug, a.Title })
            .OrderByDescending(x => x.c.CreatedAt).ThenByDescending(x => x.c.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(x => new QueueComment(
                x.c.Id, x.c.Status, x.Slug, x.Title, x.c.AuthorName, x.c.AuthorEmail, x.c.UserId, x.c.GuestKeyHash, x.c.IpHash, x.c.CreatedAt,
                x.c.EditedAt, x.c.Body, x.c.ModerationReasons, x.c.SpamScore, x.c.ModeratedAt, x.c.ModeratedBy))
            .ToListAsync(cancellationToken);
        return (await CardsAsync(rows, cancellationToken), total);
    }

    /// <summary>The flags, open appeals and accounts of these comments, and each one's record of reasons read.</summary>
    public async Task<IReadOnlyList<QueueCard>> CardsAsync(IReadOnlyList<QueueComment> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var flags = (await db.CommentFlags.AsNoTracking().Where(f => ids.Contains(f.CommentId))
                .OrderBy(f => f.CreatedAt)
                .Select(f => new { f.CommentId, View = new FlagView(f.Reason, f.Note, f.CreatedAt, f.ResolvedAt == null) })
                .ToListAsync(cancellationToken))
            .ToLookup(f => f.CommentId, f => f.View);
        var appeals = (await db.Appeals.AsNoTracking().Where(a => ids.Contains(a.CommentId) && a.Status == AppealStatus.Open)
                .Select(a => new { a.CommentId, View = new AppealView(a.Id, a.Text, a.CreatedAt) })
                .ToListAsync(cancellationToken))
            .GroupBy(a => a.CommentId).ToDictionary(g => g.Key, g => g.First().View);
        var userIds = rows.Where(r => r.UserId is not null).Select(r => r.UserId!).Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        return rows.Select(r => new QueueCard(
                r, ModerationRecord.Read(r.Reasons), flags[r.Id].ToList(), appeals.GetValueOrDefault(r.Id),
                r.UserId is not null && accounts.TryGetValue(r.UserId, out var account) ? account.DisplayName : null,
                r.UserId is not null && accounts.TryGetValue(r.UserId, out var same) ? same.Email : null))
            .ToList();
    }

    public IQueryable<Comment> Filter(QueueFilter filter)
    {
        var comments = db.Comments.AsNoTracking();
        comments = filter.Tab switch
        {
            QueueTab.Spam => comments.Where(c => c.Status == CommentStatus.Spam),
            QueueTab.Trashed => comments.Where(c => c.Status == CommentStatus.Trashed),
            QueueTab.Approved => comments.Where(c => c.Status == CommentStatus.Approved),
            QueueTab.Flagged => Flagged(comments),
            QueueTab.Appealed => comments.Where(c => c.Status != CommentStatus.Deleted
                && db.Appeals.Any(a => a.CommentId == c.Id && a.Status == AppealStatus.Open)),
            _ => comments.Where(c => c.Status == CommentStatus.Pending),
        };
        if (!string.IsNullOrWhiteSpace(filter.Article))
        {
            var slug = filter.Article.Trim();
            comments = comments.Where(c => db.Articles.Any(a => a.Id == c.ArticleId && a.Slug == slug));
        }
        if (!string.IsNullOrWhiteSpace(filter.Reason))
        {
            // The record is JSON written by ModerationRecord.ToJson: a rule id appears as "rule":"links".
            var pattern = "%" + Like($"\"rule\":\"{filter.Reason.Trim()}\"") + "%";
            comments = comments.Where(c => c.ModerationReasons != null && EF.Functions.Like(c.ModerationReasons, pattern, @"\"));
        }
        if (!string.IsNullOrWhiteSpace(filter.Author))
        {
            var author = filter.Author.Trim();
            // Lower on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's minds it.
            var pattern = "%" + Like(author).ToLowerInvariant() + "%";
            var accounts = db.Users.Where(u => u.Id == author || EF.Functions.Like(u.Email!.ToLower(), pattern, @"\") || EF.Functions.Like(u.DisplayName.ToLower(), pattern, @"\"))
                .Select(u => u.Id);
            comments = comments.Where(c => c.UserId == author
                || (c.AuthorName != null && EF.Functions.Like(c.AuthorName.ToLower(), pattern, @"\"))
                || (c.AuthorEmail != null && EF.Functions.Like(c.AuthorEmail.ToLower(), pattern, @"\"))
                || (c.UserId != null && accounts.Contains(c.UserId)));
        }
        return comments;
    }

    private IQueryable<Comment> Flagged(IQueryable<Comment> comments) =>
        comments.Where(c => c.Status != CommentStatus.Deleted && db.CommentFlags.Any(f => f.CommentId == c.Id && f.ResolvedAt == null));

    private static string Like(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
