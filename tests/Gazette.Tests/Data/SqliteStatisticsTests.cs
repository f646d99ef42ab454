using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Data;

/// <summary>
/// A site that grows for weeks without a restart keeps SQLite's statistics of its start, which the planner trusts: the
/// hourly refresh (<see cref="SqliteStatistics"/>) gathers them again for the tables that changed much.
/// </summary>
public sealed class SqliteStatisticsTests : IAsyncLifetime
{
    private readonly GazetteFactory site = new();
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task TheHourlyRefreshGathersStatisticsThatKnowTheCommentsOfASiteThatGrewSinceItStarted()
    {
        if (TestDatabase.IsPostgres)
        {
            // PostgreSQL gathers its statistics itself (autovacuum); the refresh leaves it alone.
            await site.Services.GetRequiredService<SqliteStatistics>().RefreshAsync(Cancel);
            return;
        }
        // The statistics of the site's first comment, as its start gathered them: every index of Comments says "one row".
        await site.WithDbAsync(async db =>
        {
            var indexes = await db.Database.SqlQueryRaw<string>(
                "SELECT name AS \"Value\" FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'Comments' AND sql IS NOT NULL").ToListAsync(Cancel);
            await db.Database.ExecuteSqlRawAsync("ANALYZE; DELETE FROM sqlite_stat1 WHERE tbl = 'Comments';", Cancel);
            foreach (var index in indexes)
            {
                var columns = await db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM pragma_index_info({index})").SingleAsync(Cancel);
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('Comments', {index}, {string.Join(' ', Enumerable.Repeat("1", columns + 1))})", Cancel);
            }
        });
        SqliteConnection.ClearAllPools();
        var comments = await site.WithDbAsync(db => db.Comments.CountAsync(Cancel));
        Assert.True(comments >= 100, $"The demo has {comments} comments.");
        Assert.Equal(1, await RowsTheStatisticsSayAsync());

        await site.Services.GetRequiredService<SqliteStatistics>().RefreshAsync(Cancel);

        var said = await RowsTheStatisticsSayAsync();
        Assert.True(said >= comments / 2, $"The statistics say {said} rows for {comments} comments.");
    }

    private Task<long> RowsTheStatisticsSayAsync() => site.WithDbAsync(async db =>
    {
        var stat = await db.Database.SqlQueryRaw<string>(
            "SELECT stat AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'Comments' AND idx = 'IX_Comments_CreatedAt'").SingleAsync(Cancel);
        return long.Parse(stat.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    });
}
