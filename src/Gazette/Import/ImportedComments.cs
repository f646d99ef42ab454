using Gazette.Articles;
using Gazette.Comments;
using Gazette.Core.Text;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Import;

/// <summary>
/// A comment of another system, as the importers hand it over: <see cref="SourceId"/> and <see cref="ParentSourceId"/>
/// are ids there. <see cref="WantedId"/>: the id to give it here when that id is free (WordPress's comment id, so that
/// <c>#comment-N</c> and <c>/comments/N</c> keep naming the same comment).
/// </summary>
public sealed record IncomingComment(
    string SourceId, string? ParentSourceId, string? AuthorName, string? AuthorEmail, string Body, CommentStatus Status,
    DateTime CreatedAt, string? UserId, string? IpHash, int? WantedId);

/// <summary>
/// The one place the importers create comments, with today's comment rules: where a reply sits (root, depth) as the
/// writer places it, the body rendered by <see cref="CommentText"/>, and the articles' visible-comment counts recounted
/// from the rows afterwards. A comment whose parent is missing from the file, or in the trash, keeps its place under a
/// placeholder (a deleted comment, shown as "Comment deleted" while it has replies). Comments already imported (by
/// source and source id) are left as they are, so that a file imported twice adds nothing.
/// </summary>
public sealed class ImportedComments(GazetteDb db)
{
    public const string Anonymous = "Anonymous";
    private const int MaxNameLength = 200, MaxEmailLength = 320;

    private sealed record Place(int Id, int? RootId, int Depth, CommentStatus Status);

    /// <summary>Adds (unsaved) the comments of one article that are not there yet.</summary>
    /// <param name="source">The comments' source (<see cref="ImportSources"/>); placeholders get <paramref name="placeholderSource"/>.</param>
    /// <returns>How many rows were added.</returns>
    public async Task<int> AddAsync(int articleId, IReadOnlyList<IncomingComment> comments, string source, string placeholderSource,
        ImportReport report, CancellationToken cancellationToken)
    {
        if (comments.Count == 0)
        {
            return 0;
        }
        var stored = await db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && (c.Source == source || c.Source == placeholderSource) && c.SourceId != null)
            .Select(c => new { c.Source, c.SourceId, c.Id, c.RootId, c.Depth, c.Status })
            .ToListAsync(cancellationToken);
        var existing = stored.Where(c => c.Source == source).ToDictionary(c => c.SourceId!, c => new Place(c.Id, c.RootId, c.Depth, c.Status));
        var placeholders = stored.Where(c => c.Source == placeholderSource).ToDictionary(c => c.SourceId!, c => new Place(c.Id, c.RootId, c.Depth, c.Status));

        var incoming = new Dictionary<string, IncomingComment>();
        foreach (var comment in comments)
        {
            if (existing.ContainsKey(comment.SourceId))
            {
                report.Existing("comment");
            }
            else if (!incoming.TryAdd(comment.SourceId, comment))
            {
                report.Skip("comment", comment.SourceId, "The file holds another comment with this id; the first one was kept.");
            }
        }
        if (incoming.Count == 0)
        {
            return 0;
        }

        var ids = await IdsAsync(incoming.Values, report, cancellationToken);
        var placed = new Dictionary<string, Place>();
        var added = 0;

        Place ParentOf(IncomingComment comment)
        {
            var key = comment.ParentSourceId!;
            if (placeholders.TryGetValue(key, out var placeholder))
            {
                return placeholder;
            }
            var id = ids.Next();
            var row = new Comment
            {
                Id = id,
                ArticleId = articleId,
                Body = "",
                BodyHtml = "",
                Status = CommentStatus.Deleted,
                CreatedAt = comment.CreatedAt,
                Source = placeholderSource,
                SourceId = key,
            };
            db.Comments.Add(row);
            report.Add("comment", "placeholder");
            added++;
            return placeholders[key] = new Place(id, null, 0, CommentStatus.Deleted);
        }

        // Parents before replies, whatever the file's order; a loop of parents (a broken file) is cut by a placeholder.
        foreach (var first in incoming.Values)
        {
            var chain = new List<IncomingComment>();
            var seen = new HashSet<string>();
            for (var at = first; at is not null && !placed.ContainsKey(at.SourceId) && seen.Add(at.SourceId);)
            {
                chain.Add(at);
                at = at.ParentSourceId is { } parent && incoming.TryGetValue(parent, out var next) ? next : null;
            }
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                var comment = chain[i];
                Place? parent = null;
                if (comment.ParentSourceId is { } parentKey)
                {
                    if (placed.TryGetValue(parentKey, out var inFile) || existing.TryGetValue(parentKey, out inFile))
                    {
                        parent = inFile.Status == CommentStatus.Trashed ? ParentOf(comment) : inFile;
                    }
                    else
                    {
                        if (incoming.ContainsKey(parentKey))
                        {
                            report.Warn("comment", comment.SourceId, $"Its parent {parentKey} is also among its replies; it was put under a placeholder.");
                        }
                        parent = ParentOf(comment);
                    }
                }
                var id = ids.For(comment);
                var row = new Comment
                {
                    Id = id,
                    ArticleId = articleId,
                    AuthorName = Name(comment, report),
                    AuthorEmail = Email(comment, report),
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
                CommentLifecycle.SetBody(row, comment.Body);
                db.Comments.Add(row);
                placed[comment.SourceId] = new Place(id, row.RootId, row.Depth, row.Status);
                report.Add("comment", row.Status.ToString().ToLowerInvariant());
                added++;
            }
        }
        return added;
    }

    private static string Name(IncomingComment comment, ImportReport report)
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

    private static string? Email(IncomingComment comment, ImportReport report)
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
    private async Task<IdAllocator> IdsAsync(IEnumerable<IncomingComment> comments, ImportReport report, CancellationToken cancellationToken)
    {
        var wanted = comments.Where(c => c.WantedId is > 0).Select(c => c.WantedId!.Value).ToList();
        var taken = new HashSet<int>();
        foreach (var chunk in wanted.Chunk(1000))
        {
            taken.UnionWith(await db.Comments.Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken));
        }
        var max = await db.Comments.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
        return new IdAllocator(taken, Math.Max(max, wanted.Count == 0 ? 0 : wanted.Max()) + 1, report);
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

    /// <summary>The articles' visible-comment counts, from the rows (the writer keeps them as it goes; an import recounts).</summary>
    public Task RecountAsync(IEnumerable<int> articleIds, CancellationToken cancellationToken) =>
        CommentLifecycle.RecountAsync(db, [.. articleIds.Distinct()], cancellationToken);
}
