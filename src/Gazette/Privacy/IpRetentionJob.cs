using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Privacy;

/// <summary>How many IP hashes a run dropped.</summary>
public sealed record IpRetentionResult(int Comments, int Votes, int Flags);

/// <summary>
/// Drops the keyed IP hashes of comments, votes and flags older than <see cref="PrivacyOptions.IpRetentionDays"/>: a minute
/// after the site starts, then once a day. Bans on an address keep theirs: a moderator chose to keep that one.
/// </summary>
public sealed class IpRetentionJob(
    IServiceScopeFactory scopes, IOptionsMonitor<PrivacyOptions> options, TimeProvider clock, WriteGate writes, ILogger<IpRetentionJob> logger)
    : BackgroundService
{
    public static readonly TimeSpan FirstRunAfter = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Ids a write covers: a few milliseconds of SQLite's writer.</summary>
    public const int SliceRows = 2000;

    public async Task<IpRetentionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.CurrentValue.IpRetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        var comments = await InSlicesAsync(db, await db.Comments.MaxAsync(c => (int?)c.Id, cancellationToken), (from, to) =>
            db.Comments.Where(c => c.Id > from && c.Id <= to && c.IpHash != null && c.CreatedAt < cutoff)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.IpHash, (string?)null), cancellationToken), cancellationToken);
        var votes = await InSlicesAsync(db, await db.CommentVotes.MaxAsync(v => (int?)v.Id, cancellationToken), (from, to) =>
            db.CommentVotes.Where(v => v.Id > from && v.Id <= to && v.IpHash != null && v.CastAt < cutoff)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.IpHash, (string?)null), cancellationToken), cancellationToken);
        var flags = await InSlicesAsync(db, await db.CommentFlags.MaxAsync(f => (int?)f.Id, cancellationToken), (from, to) =>
            db.CommentFlags.Where(f => f.Id > from && f.Id <= to && f.IpHash != null && f.CreatedAt < cutoff)
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.IpHash, (string?)null), cancellationToken), cancellationToken);
        if (comments + votes + flags > 0)
        {
            logger.LogInformation("Dropped the IP hashes of {Comments} comments, {Votes} votes and {Flags} flags older than {Cutoff:u}.",
                comments, votes, flags, cutoff);
        }
        return new IpRetentionResult(comments, votes, flags);
    }

    /// <summary>
    /// Rows by slices of their ids, each slice its own short write: the first run after an archive is imported clears
    /// the hashes of a million comments, and in one transaction that held SQLite's one writer, and every post waiting
    /// for it, for seconds while it wrote some 300 MB of log (seen in session 18's benchmarks, a minute after start).
    /// </summary>
    private async Task<int> InSlicesAsync(GazetteDb db, int? lastId, Func<int, int, Task<int>> clear, CancellationToken cancellationToken)
    {
        var cleared = 0;
        for (var from = 0; from < (lastId ?? 0); from += SliceRows)
        {
            await using var transaction = await writes.BeginAsync(db, cancellationToken);
            cleared += await clear(from, from + SliceRows);
            await transaction.CommitAsync(cancellationToken);
        }
        return cleared;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRunAfter, clock, stoppingToken);
            while (true)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Tomorrow's run tries again; the site goes on meanwhile.
                    logger.LogError(e, "Dropping old IP hashes failed.");
                }
                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The site is stopping.
        }
    }
}
