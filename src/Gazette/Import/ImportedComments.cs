using Gazette.Comments;
using Gazette.Data;
using Gazette.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Import;

/// <summary>
/// A comment of another system, as the importers hand it over: <see cref="SourceId"/> and <see cref="ParentSourceId"/>
/// are ids there. <see cref="WantedId"/>: the id to give it here when that id is free (WordPress's comment id, so that
/// <c>#comment-N</c> and <c>/comments/N</c> keep naming the same comment). <see cref="BodyHtml"/>: the body's HTML when
/// the importer had it made beforehand (<see cref="CommentLifecycle.BodyHtml"/> of this body, kind and web address), else null.
/// </summary>
public sealed record IncomingComment(
    string SourceId, string? ParentSourceId, string? AuthorName, string? AuthorEmail, string Body, CommentStatus Status,
    DateTime CreatedAt, string? UserId, string? IpHash, int? WantedId, string? AuthorUrl = null, CommentKind Kind = CommentKind.Comment,
    string? BodyHtml = null);

/// <summary>
/// The one place the importers create comments, as a stream: comments are handed over one by one
/// (<see cref="Add"/>) and written in bulk (<see cref="WriteAsync"/>) into the importer's transaction, placed by
/// <see cref="CommentLifecycle"/> (root, depth, body rendered once) under parents kept in memory by their source ids
/// (ids only, never bodies). The articles' visible-comment counts are recounted from the rows afterwards. A comment whose
/// parent is missing from the file, or in the trash, keeps its place under a placeholder (a deleted comment, shown as
/// "Comment deleted" while it has replies). A reply met before its parent waits (it alone) until the parent is written
/// or the importer says no more parents can come. Comments already imported (by source and source id, looked up once
/// per write) are left as they are, so that a file imported twice adds nothing.
/// </summary>
public sealed class ImportedComments(GazetteDb db, IOptions<ModerationOptions> moderation, TimeProvider clock)
{
    public const string Anonymous = "Anonymous";
    private const int MaxNameLength = 200, MaxEmailLength = 320;

    /// <summary>Where a comment sits, by its source id: enough to place its replies. <c>Earlier</c>: written by an earlier run.</summary>
    private readonly record struct Place(int ArticleId, int Id, int? RootId, int Depth, CommentStatus Status, bool Earlier);

    private readonly record struct Waiting(int ArticleId, IncomingComment Comment);

    private string source = "", placeholderSource = "";
    private ImportReport report = null!;
    private readonly Dictionary<string, Place> placed = [];
    private readonly Dictionary<string, Place> placeholders = [];
    private List<Waiting> buffered = [];
    private int idFloor = 1;
    private readonly HashSet<int> touched = [];
    private long written, analyzedAt;

    /// <summary>Comments handed over and not written yet (replies waiting for their parent included).</summary>
    public int Buffered => buffered.Count;

    /// <summary>The articles comments were handed over for: their counts are recounted at the end (<see cref="RecountAsync"/>).</summary>
    public IReadOnlyCollection<int> TouchedArticles => touched;

    /// <summary>Starts an import of comments from <paramref name="commentSource"/> (<see cref="ImportSources"/>); placeholders get <paramref name="placeholders"/>.</summary>
    /// <param name="idsFrom">Where ids of the import's own choosing (placeholders) start at least: above every id the file's comments want.</param>
    public void Begin(string commentSource, string placeholders, ImportReport importReport, long idsFrom = 1)
    {
        idFloor = (int)Math.Min(idsFrom, int.MaxValue);
        source = commentSource;
        placeholderSource = placeholders;
        report = importReport;
    }

    /// <summary>Hands a comment of an article over; it is written by the next <see cref="WriteAsync"/>.</summary>
    public void Add(int articleId, IncomingComment comment)
    {
        buffered.Add(new Waiting(articleId, comment));
        // Recounted even when all its comments were there already: a run stopped before its recount left it behind.
        touched.Add(articleId);
    }

    /// <summary>
    /// Forgets where the comments written so far sit, to bound the memory: for an importer whose replies never look
    /// further back than this (WordPress: a comment's parent is in its own post). Earlier runs' rows are found again in
    /// the database when asked for.
    /// </summary>
    public void ForgetPlaces()
    {
        placed.Clear();
        placeholders.Clear();
    }

    /// <summary>
    /// Writes what was handed over, unsaved rows no more (one insert of many rows) in the caller's transaction. A reply
    /// whose parent has not come yet waits for a later call, unless <paramref name="noMoreParents"/>: then it goes under a placeholder.
    /// </summary>
    /// <returns>How many rows were written.</returns>
    public async Task<int> WriteAsync(bool noMoreParents, CancellationToken cancellationToken)
    {
        if (buffered.Count == 0)
        {
            return 0;
        }
        await KeepStatisticsAsync(cancellationToken);
        await LookUpEarlierAsync(cancellationToken);

        var incoming = new Dictionary<string, Waiting>(buffered.Count);
        foreach (var waiting in buffered)
        {
            var comment = waiting.Comment;
            if (placed.TryGetValue(comment.SourceId, out var there))
            {
                if (there.Earlier)
                {
                    report.Existing("comment");
                }
                else
                {
                    report.Skip("comment", comment.SourceId, "The file holds another comment with this id; the first one was kept.");
                }
            }
            else if (!incoming.TryAdd(comment.SourceId, waiting))
            {
                report.Skip("comment", comment.SourceId, "The file holds another comment with this id; the first one was kept.");
            }
        }
        buffered = [];
        if (incoming.Count == 0)
        {
            return 0;
        }

        var ids = await IdsAsync(incoming.Values.Select(w => w.Comment), cancellationToken);
        var rows = new List<Comment>(incoming.Count);
        var bodies = new List<(Comment Row, string Body, string? Html)>(incoming.Count);

        Place PlaceholderFor(int articleId, IncomingComment comment)
        {
            var key = comment.ParentSourceId!;
            if (placeholders.TryGetValue(key, out var placeholder) && placeholder.ArticleId == articleId)
            {
                return placeholder;
            }
            var row = new Comment
            {
                Id = ids.Next(),
                ArticleId = articleId,
                Status = CommentStatus.Deleted,
                CreatedAt = comment.CreatedAt,
                Source = placeholderSource,
                SourceId = key,
                NotifiedAt = comment.CreatedAt,
            };
            CommentLifecycle.Place(row, null, null, 0);
            bodies.Add((row, "", null));
            rows.Add(row);
            report.Add("comment", "placeholder");
            return placeholders[key] = new Place(articleId, row.Id, null, 0, CommentStatus.Deleted, false);
        }

        // Parents before replies, whatever the file's order; a loop of parents (a broken file) is cut by a placeholder.
        var chain = new List<Waiting>();
        var seen = new HashSet<string>();
        foreach (var first in incoming.Values.ToList())
        {
            chain.Clear();
            seen.Clear();
            var at = (Waiting?)first;
            while (at is { } link && !placed.ContainsKey(link.Comment.SourceId) && seen.Add(link.Comment.SourceId))
            {
                chain.Add(link);
                at = link.Comment.ParentSourceId is { } parent && incoming.TryGetValue(parent, out var next) ? next : null;
            }
            if (chain.Count == 0)
            {
                continue;
            }
            // The top of the chain: its parent is written, or in the file's part still to come, or nowhere.
            var top = chain[^1];
            if (!noMoreParents && top.Comment.ParentSourceId is { } wanted && !placed.ContainsKey(wanted) && !incoming.ContainsKey(wanted))
            {
                buffered.AddRange(chain);
                foreach (var waiting in chain)
                {
                    incoming.Remove(waiting.Comment.SourceId);
                }
                continue;
            }
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                var (articleId, comment) = chain[i];
                Place? parent = null;
                if (comment.ParentSourceId is { } parentKey)
                {
                    if (placed.TryGetValue(parentKey, out var known) && known.ArticleId == articleId)
                    {
                        parent = known.Status == CommentStatus.Trashed ? PlaceholderFor(articleId, comment) : known;
                    }
                    else
                    {
                        if (incoming.ContainsKey(parentKey) && !placed.ContainsKey(parentKey))
                        {
                            report.Warn("comment", comment.SourceId, $"Its parent {parentKey} is also among its replies; it was put under a placeholder.");
                        }
                        parent = PlaceholderFor(articleId, comment);
                    }
                }
                var row = new Comment
                {
                    Id = ids.For(comment),
                    ArticleId = articleId,
                    AuthorName = Name(comment),
                    AuthorEmail = Email(comment),
                    AuthorUrl = comment.AuthorUrl,
                    Kind = comment.Kind,
                    Status = comment.Status,
                    CreatedAt = comment.CreatedAt,
                    UserId = comment.UserId,
                    IpHash = comment.IpHash,
                    Source = source,
                    SourceId = comment.SourceId,
                    // Nobody is mailed about what was said on the old site.
                    NotifiedAt = comment.CreatedAt,
                };
                CommentLifecycle.Place(row, parent?.Id, parent?.RootId, parent?.Depth ?? -1);
                bodies.Add((row, comment.Body, comment.BodyHtml));
                rows.Add(row);
                placed[comment.SourceId] = new Place(articleId, row.Id, row.RootId, row.Depth, row.Status, false);
                report.Add(row.Kind == CommentKind.Comment ? "comment" : row.Kind.ToString().ToLowerInvariant(), row.Status.ToString().ToLowerInvariant());
            }
        }
        var duplicatesSince = moderation.Value.DuplicatesSince(clock.GetUtcNow().UtcDateTime);
        // Rendering a body (Markdown, then the sanitizer) is most of a comment's cost and needs nothing of the others:
        // on every core at once, those the importer did not have rendered while it read (ImportPipeline).
        Parallel.ForEach(bodies, new ParallelOptions { CancellationToken = cancellationToken }, item =>
        {
            if (item.Html is { } html)
            {
                CommentLifecycle.SetBody(item.Row, item.Body, html);
            }
            else
            {
                CommentLifecycle.SetBody(item.Row, item.Body);
            }
            // As the context does for every comment it saves (the duplicate rule finds the text by them), but only for
            // the comments that rule can still meet: an old site's comments are mostly years old.
            item.Row.KeepFingerprints(duplicatesSince);
        });
        await BulkInsert<Comment>.For(db).RunAsync(db, rows, cancellationToken);
        written += rows.Count;
        return rows.Count;
    }

    /// <summary>
    /// SQLite plans each read by the statistics it last gathered. Gathered on a nearly empty site, they say that Comments
    /// holds a row or two, and the planner walks the table rather than use an index for the ids and source ids a batch
    /// looks up: every batch then reads everything imported before it. So they are gathered again before the first
    /// batch and each time the rows written have doubled (sampled, as <see cref="ImportConnection"/> sets it: a few
    /// milliseconds each, about twenty times in a million rows). PostgreSQL gathers its own as tables grow.
    /// </summary>
    private async Task KeepStatisticsAsync(CancellationToken cancellationToken)
    {
        if (written < analyzedAt * 2 || !db.Database.IsSqlite())
        {
            return;
        }
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"Comments\";", cancellationToken);
        analyzedAt = Math.Max(written, 1);
    }

    /// <summary>
    /// The handed-over comments and parents that earlier runs wrote, in one query: so that they are not written twice,
    /// and replies find them.
    /// </summary>
    private async Task LookUpEarlierAsync(CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>();
        foreach (var (_, comment) in buffered)
        {
            if (!placed.ContainsKey(comment.SourceId))
            {
                keys.Add(comment.SourceId);
            }
            if (comment.ParentSourceId is { } parent && !placed.ContainsKey(parent))
            {
                keys.Add(parent);
            }
        }
        // One query per source: "Source = ? AND SourceId IN (…)" is a seek of the (Source, SourceId) index whatever
        // SQLite's statistics say, while "(Source = ? OR Source = ?) AND …" was a walk of the whole table as soon as
        // they were gathered on a nearly empty site: every batch read every comment before it, and a million-comment
        // import into a site started once before slowed to a crawl.
        foreach (var (kind, isPlaceholder) in new[] { (source, false), (placeholderSource, true) })
        {
            foreach (var chunk in keys.Chunk(5_000))
            {
                var stored = await db.Comments.AsNoTracking()
                    .Where(c => c.Source == kind && chunk.Contains(c.SourceId!))
                    .Select(c => new { c.SourceId, c.ArticleId, c.Id, c.RootId, c.Depth, c.Status })
                    .ToListAsync(cancellationToken);
                foreach (var c in stored)
                {
                    var place = new Place(c.ArticleId, c.Id, c.RootId, c.Depth, c.Status, true);
                    if (isPlaceholder)
                    {
                        placeholders.TryAdd(c.SourceId!, place);
                    }
                    else
                    {
                        placed[c.SourceId!] = place;
                    }
                }
            }
        }
    }

    private string Name(IncomingComment comment)
    {
        var name = comment.AuthorName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return Anonymous;
        }
        if (name.Length > MaxNameLength)
        {
            report.Warn("comment", comment.SourceId, $"Its author's name was longer than {MaxNameLength} characters and was cut.");
            return name[..MaxNameLength];
        }
        return name;
    }

    private string? Email(IncomingComment comment)
    {
        var email = comment.AuthorEmail?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return null;
        }
        if (email.Length > MaxEmailLength)
        {
            report.Warn("comment", comment.SourceId, $"Its author's e-mail was longer than {MaxEmailLength} characters and was left out.");
            return null;
        }
        return email;
    }

    /// <summary>The ids the new rows get: the wanted one when no row has it, else the next above every id in use.</summary>
    private async Task<IdAllocator> IdsAsync(IEnumerable<IncomingComment> comments, CancellationToken cancellationToken)
    {
        var wanted = comments.Where(c => c.WantedId is > 0).Select(c => c.WantedId!.Value).ToList();
        var taken = new HashSet<int>();
        foreach (var chunk in wanted.Chunk(5_000))
        {
            taken.UnionWith(await db.Comments.Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken));
        }
        var max = await db.Comments.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
        return new IdAllocator(taken, Math.Max(Math.Max(max, wanted.Count == 0 ? 0 : wanted.Max()) + 1, idFloor), report);
    }

    private sealed class IdAllocator(HashSet<int> taken, int next, ImportReport report)
    {
        public int Next()
        {
            while (taken.Contains(next))
            {
                next++;
            }
            taken.Add(next);
            return next++;
        }

        public int For(IncomingComment comment)
        {
            if (comment.WantedId is > 0 and int wanted && taken.Add(wanted))
            {
                return wanted;
            }
            var id = Next();
            if (comment.WantedId is > 0)
            {
                report.Warn("comment", comment.SourceId, $"Another comment here has the id {comment.WantedId}: this one is /comments/{id}, and old links to #comment-{comment.WantedId} do not find it.");
            }
            return id;
        }
    }

    /// <summary>After rows were inserted with ids of their own: PostgreSQL's identity must go on above them.</summary>
    public async Task KeepIdentityAboveAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(
                """SELECT setval(pg_get_serial_sequence('"Comments"', 'Id'), GREATEST((SELECT COALESCE(MAX("Id"), 0) FROM "Comments"), 1))""",
                cancellationToken);
        }
    }

    /// <summary>The visible-comment counts of the articles that got comments, from the rows (the writer keeps them as it goes; an import recounts).</summary>
    public Task RecountAsync(CancellationToken cancellationToken) => CommentLifecycle.RecountAsync(db, [.. touched], cancellationToken);
}
