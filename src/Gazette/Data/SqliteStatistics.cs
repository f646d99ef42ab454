using Microsoft.EntityFrameworkCore;

namespace Gazette.Data;

/// <summary>
/// SQLite plans every query by the statistics <c>PRAGMA optimize</c> gathers, which the start-up runs
/// (<see cref="SqliteDatabase"/>). A site that grows for weeks without a restart would otherwise plan its pages with the
/// figures of its first comments: "one row", where the planner then walks a table of a million rather than use an index
/// (seen in the import, session 15). So it runs again every <see cref="Interval"/>, as SQLite advises for long-lived
/// connections: it gathers only for tables that changed much since, sampled, in milliseconds. Under the write gate,
/// since it writes the statistics. PostgreSQL gathers its own (autovacuum).
/// </summary>
public sealed partial class SqliteStatistics(IServiceScopeFactory scopes, WriteGate writes, TimeProvider clock, ILogger<SqliteStatistics> log)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>What the start-up and the hourly refresh run. 0x10000: every table, not only those this connection has read.</summary>
    public const string Optimize = "PRAGMA optimize=0x10002;";

    /// <summary>Gathers the statistics of the tables that changed much since they were last gathered (SQLite only).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        if (!db.Database.IsSqlite())
        {
            return;
        }
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Optimize, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Interval, clock, stoppingToken);
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database busy or away: the statistics stay as they were until the next hour.
                    NotRefreshed(log, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite's statistics could not be gathered this hour; the next hour tries again.")]
    private static partial void NotRefreshed(ILogger logger, Exception exception);
}
