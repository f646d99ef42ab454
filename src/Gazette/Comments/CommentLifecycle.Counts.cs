using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gazette.Comments;

public static partial class CommentLifecycle
{
    /// <summary>Adds a move's change of visible comments to its article's (article id → change), to count them at once.</summary>
    public static void Tally(Dictionary<int, int> counts, int articleId, CommentStatus from, CommentStatus to) =>
        counts[articleId] = counts.GetValueOrDefault(articleId) + CountChange(from, to);

    /// <summary>
    /// Moves the article's count of visible comments by <paramref name="change"/>, in the database, inside the caller's
    /// transaction (two writers at once each add theirs). SQL both databases read alike, sent as it is: ExecuteUpdate
    /// walked and looked up its expression on every post, which cost more than the update itself.
    /// </summary>
    public static Task CountAsync(GazetteDb db, int articleId, int change, CancellationToken cancellationToken) =>
        change == 0
            ? Task.CompletedTask
            : db.Database.ExecuteSqlAsync(
                $"""UPDATE "Articles" SET "CommentCount" = "CommentCount" + {change} WHERE "Id" = {articleId}""", cancellationToken);

    /// <summary>
    /// <see cref="CountAsync(GazetteDb, int, int, CancellationToken)"/> for a comment just written, answering the article's
    /// count after the change from the same statement (RETURNING, which both databases read), for its live event; null when
    /// the count does not change. A command of the connection's own, as <see cref="SingleRowInsert{TEntity}"/> runs: through
    /// EF Core, the update and a query to read the count back cost a post more than the update itself.
    /// </summary>
    public static async Task<int?> CountWrittenAsync(GazetteDb db, int articleId, int change, CancellationToken cancellationToken)
    {
        if (change == 0)
        {
            return null;
        }
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """UPDATE "Articles" SET "CommentCount" = "CommentCount" + @change WHERE "Id" = @article RETURNING "CommentCount" """;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        Parameter(command, "@change", change);
        Parameter(command, "@article", articleId);
        return await command.ExecuteScalarAsync(cancellationToken) is { } count and not DBNull ? Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static void Parameter(System.Data.Common.DbCommand command, string name, int value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Moves each article's count by its tallied change (see <see cref="Tally"/>), inside the caller's transaction.</summary>
    public static async Task CountAsync(GazetteDb db, IReadOnlyDictionary<int, int> counts, CancellationToken cancellationToken)
    {
        foreach (var (articleId, change) in counts)
        {
            await CountAsync(db, articleId, change, cancellationToken);
        }
    }

    /// <summary>
    /// Counts the articles' visible comments again from the rows: for whatever writes comments in bulk (the demo, an
    /// import, an account's comments removed) rather than one move at a time. Each article's comments are counted by
    /// status, then the visible ones summed here: asked in one statement with the status in it, SQLite took the
    /// status's index and read every approved comment of the site for each article (hours after a million-comment import).
    /// </summary>
    public static async Task RecountAsync(GazetteDb db, IReadOnlyCollection<int> articleIds, CancellationToken cancellationToken)
    {
        foreach (var articleId in articleIds.Distinct())
        {
            var byStatus = await db.Comments.Where(c => c.ArticleId == articleId).GroupBy(c => c.Status)
                .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var visible = byStatus.Where(s => IsVisible(s.Status)).Sum(s => s.Count);
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE "Articles" SET "CommentCount" = {visible} WHERE "Id" = {articleId}""", cancellationToken);
        }
    }
}
