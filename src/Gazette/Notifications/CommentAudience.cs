using Gazette.Comments;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gazette.Notifications;

/// <summary>
/// Who may be told of a comment the moment it is public, the one rule <see cref="PublishedComments"/> mails by: the
/// writer of the comment it answers, its own guest writer who ticked "E-mail me replies" (asked to confirm the
/// address), and the article's bylines who asked for new comments. A comment posted public with none of them is dealt
/// with in its own insert (<see cref="CommentWriter"/>): the service is neither woken for it nor claims it, and
/// followers and digests read it like any other comment dealt with (at their next round).
/// </summary>
public static class CommentAudience
{
    /// <summary>A guest who gave an address and ticked the box: asked to confirm it (double opt-in).</summary>
    public static bool AsksConfirmation(string? userId, bool notifyReplies, string? authorEmail) =>
        userId is null && notifyReplies && authorEmail is not null;

    /// <summary>
    /// Whether a comment about to be inserted has nobody to tell: public at once, not a reply, not asking for a
    /// confirmation, and no byline of its article but its own writer asked for new comments. One indexed query at
    /// most, and none for a reply; conservative (a byline without a verified address still counts), so that nothing
    /// due is ever skipped.
    /// </summary>
    public static async Task<bool> NobodyToTellAsync(GazetteDb db, Comment comment, CancellationToken cancellationToken)
    {
        if (comment.Status != CommentStatus.Approved || comment.ParentId is not null
            || AsksConfirmation(comment.UserId, comment.NotifyReplies, comment.AuthorEmail))
        {
            return false;
        }
        var watchers = await WatchersAsync(db, comment.ArticleId, cancellationToken);
        return watchers.TrueForAll(userId => userId == comment.UserId);
    }

    /// <summary>
    /// The accounts of an article's bylines (its author and <see cref="Articles.ArticleByline"/>s) who asked to be told
    /// of new comments on it. SQL both databases read alike, by primary keys, on the context's connection and
    /// transaction: it runs in posts, where EF Core's query machinery would cost more than the read (issue 11).
    /// </summary>
    public static async Task<List<string>> WatchersAsync(GazetteDb db, int articleId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnection.OpenAsync(db, cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """
            SELECT m."UserId" FROM "Articles" a JOIN "Authors" w ON w."Id" = a."AuthorId" JOIN "NotifyMembers" m ON m."UserId" = w."UserId"
            WHERE a."Id" = @article AND m."NewComments"
            UNION
            SELECT m."UserId" FROM "ArticleBylines" b JOIN "Authors" w ON w."Id" = b."AuthorId" JOIN "NotifyMembers" m ON m."UserId" = w."UserId"
            WHERE b."ArticleId" = @article AND m."NewComments"
            """;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@article";
        parameter.Value = articleId;
        command.Parameters.Add(parameter);
        var watchers = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            watchers.Add(reader.GetString(0));
        }
        return watchers;
    }
}
