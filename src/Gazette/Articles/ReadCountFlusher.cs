using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Articles;

/// <summary>
/// Adds the reads counted in <see cref="IReadCountStore"/> to <see cref="ArticleReadDay"/> every
/// <see cref="ReadCountOptions.ReadFlushSeconds"/> and once more at shutdown: one transaction per flush, one upsert
/// per article and day, whatever the number of page views behind it.
/// </summary>
public sealed partial class ReadCountFlusher(
    IReadCountStore store, IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReadCountOptions> options, ILogger<ReadCountFlusher> log)
    : BackgroundService
{
    /// <summary>Writes what was counted so far; returns the number of reads written. Tallies that fail go back to the store.</summary>
    public async Task<long> FlushAsync(CancellationToken cancellationToken)
    {
        var tallies = await store.TakeAllAsync();
        if (tallies.Count == 0)
        {
            return 0;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
            var slugs = tallies.Select(t => t.Slug).Distinct().ToList();
            var ids = await db.Articles.AsNoTracking().Where(a => slugs.Contains(a.Slug))
                .ToDictionaryAsync(a => a.Slug, a => a.Id, cancellationToken);
            var written = 0L;
            await using var transaction = await scope.ServiceProvider.GetRequiredService<WriteGate>().BeginAsync(db, cancellationToken);
            // Always in the same order, so that two instances flushing at once on PostgreSQL wait for each other's rows
            // rather than deadlock.
            foreach (var tally in tallies.OrderBy(t => t.Slug, StringComparer.Ordinal).ThenBy(t => t.Day))
            {
                // An article deleted since its page was read has nowhere to go: its reads are dropped.
                if (!ids.TryGetValue(tally.Slug, out var articleId))
                {
                    continue;
                }
                // An upsert that adds, so that two instances (or a retried flush) never overwrite each other's reads.
                // The syntax is shared by SQLite and PostgreSQL.
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "ArticleReadDays" ("ArticleId", "Day", "Reads") VALUES ({articleId}, {tally.Day}, {tally.Reads})
                    ON CONFLICT ("ArticleId", "Day") DO UPDATE SET "Reads" = "ArticleReadDays"."Reads" + excluded."Reads"
                    """, cancellationToken);
                written += tally.Reads;
            }
            await transaction.CommitAsync(cancellationToken);
            GazetteMetrics.ReadCountsWritten(written);
            return written;
        }
        catch
        {
            GazetteMetrics.ReadCountFlushFailed();
            await store.ReturnAsync(tallies);
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ReadFlushSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushLoggingFailuresAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync flushes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushLoggingFailuresAsync(cancellationToken);
    }

    private async Task FlushLoggingFailuresAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            FlushFailed(log, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the counted reads; they are kept for the next flush.")]
    private static partial void FlushFailed(ILogger logger, Exception exception);
}
