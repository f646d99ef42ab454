using System.Data.Common;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Data;

/// <summary>
/// A row written by the import's bulk insert (SQLite: values bound by position, <see cref="SqliteRowStatement"/>;
/// PostgreSQL: binary COPY) is stored exactly as EF Core stores the same row: same values, same storage types, the
/// same text for a time (SQLite compares times as text), an empty text not turned into NULL (issue 13).
/// </summary>
public sealed class BulkInsertTests : IAsyncLifetime
{
    private readonly GazetteFactory site = new();
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => site.DisposeAsync();

    private static Comment Row(int id, int articleId, string body, string? email) => new()
    {
        Id = id,
        ArticleId = articleId,
        AuthorName = "Zoë \ud83d\udc4d 名前 \"quoted\" 'single'",
        AuthorEmail = email,
        AuthorUrl = "",
        Status = CommentStatus.Pending,
        Kind = CommentKind.Comment,
        CreatedAt = new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc).AddTicks(1_234_567),
        EditedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        NotifiedAt = null,
        Upvotes = 3,
        Downvotes = 0,
        Rank = 0.1 + 0.2,
        SpamScore = -0.0,
        NotifyReplies = true,
        Source = "bulk-insert-test",
        SourceId = $"source-{id}",
        IpHash = null,
    };

    [Fact]
    public async Task ARowWrittenInBulkIsStoredAsEfCoreStoresIt()
    {
        var articleId = await site.WithDbAsync(db => db.Articles.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(Cancel));
        var nextId = await site.WithDbAsync(async db => await db.Comments.MaxAsync(c => c.Id, Cancel) + 1);
        var bodies = new[] { "", "Plain words.", "Line one\nline two\r\n\ttab, \u2028 separator, e\u0301 combined, \U0001F600" };
        var saved = new List<int>();
        var bulk = new List<int>();
        foreach (var (body, i) in bodies.Select((b, i) => (b, i)))
        {
            var email = i == 0 ? "" : i == 1 ? null : "reader@example.org";
            var byEf = Row(nextId++, articleId, body, email);
            var inBulk = Row(nextId++, articleId, body, email);
            foreach (var row in new[] { byEf, inBulk })
            {
                CommentLifecycle.Place(row, null, null, 0);
                CommentLifecycle.SetBody(row, body);
                row.KeepFingerprints();
            }
            await site.WithDbAsync(async db =>
            {
                db.Comments.Add(byEf);
                await db.SaveChangesAsync(Cancel);
                await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
                await BulkInsert<Comment>.For(db).RunAsync(db, [inBulk], Cancel);
                await transaction.CommitAsync(Cancel);
            });
            saved.Add(byEf.Id);
            bulk.Add(inBulk.Id);
        }

        for (var i = 0; i < bodies.Length; i++)
        {
            var (expected, actual) = (await StoredAsync(saved[i]), await StoredAsync(bulk[i]));
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var column in expected.Keys.Where(c => c is not "Id" and not "SourceId" and not "RootId"))
            {
                Assert.True(Equals(expected[column], actual[column]), $"{column}: EF Core stored {expected[column]}, the bulk insert {actual[column]}");
            }
        }
    }

    /// <summary>Every column of a comment's row as the database holds it: on SQLite each value quoted with its storage type.</summary>
    private Task<Dictionary<string, object?>> StoredAsync(int id) => site.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Cancel);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT * FROM "Comments" WHERE "Id" = {id}""";
            var columns = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(Cancel))
            {
                Assert.True(await reader.ReadAsync(Cancel));
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    columns.Add(reader.GetName(i));
                }
                if (TestDatabase.IsPostgres)
                {
                    return columns.Select((c, i) => (c, reader.IsDBNull(i) ? null : reader.GetValue(i))).ToDictionary(p => p.c, p => p.Item2);
                }
            }
            var values = new Dictionary<string, object?>();
            foreach (var column in columns)
            {
                await using var quoted = connection.CreateCommand();
                quoted.CommandText = $"""SELECT typeof("{column}") || ':' || quote("{column}") FROM "Comments" WHERE "Id" = {id}""";
                values[column] = await quoted.ExecuteScalarAsync(Cancel);
            }
            return values;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });
}
