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

    /// <summary>Rows a write clears: a few milliseconds of SQLite's writer.</summary>
    public const int SliceRows = 2000;

    public async Task<IpRetentionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.CurrentValue.IpRetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        var comments = await InSlicesAsync(db,
            after => db.Comments.Where(c => c.Id > after && c.IpHash != null && c.CreatedAt < cutoff)
                .OrderBy(c => c.Id).Select(c => c.Id).Take(SliceRows).ToListAsync(cancellationToken),
            ids => db.Comments.Where(c => ids.Contains(c.Id) && c.IpHash != null)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.IpHash, (string?)null), cancellationToken),
            cancellationToken);
        var votes = await InSlicesAsync(db,
            after => db.CommentVotes.Where(v => v.Id > after && v.IpHash != null && v.CastAt < cutoff)
                .OrderBy(v => v.Id).Select(v => v.Id).Take(SliceRows).ToListAsync(cancellationToken),
            ids => db.CommentVotes.Where(v => ids.Contains(v.Id) && v.IpHash != null)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.IpHash, (string?)null), cancellationToken),
            cancellationToken);
        var flags = await InSlicesAsync(db,
            after => db.CommentFlags.Where(f => f.Id > after && f.IpHash != null && f.CreatedAt < cutoff)
                .OrderBy(f => f.Id).Select(f => f.Id).Take(SliceRows).ToListAsync(cancellationToken),
            ids => db.CommentFlags.Where(f => ids.Contains(f.Id) && f.IpHash != null)
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.IpHash, (string?)null), cancellationToken),
            cancellationToken);
        if (comments + votes + flags > 0)
        {
            logger.LogInformation("Dropped the IP hashes of {Comments} comments, {Votes} votes and {Flags} flags older than {Cutoff:u}.",
                comments, votes, flags, cutoff);
        }
        return new IpRetentionResult(comments, votes, flags);
    }

    /// <summary>
    /// The rows to clear, found by a read in id order and cleared <see cref="SliceRows"/> at a time, each slice its own
    /// short write. The first run after an archive is imported clears the hashes of a million comments: in one
    /// transaction that held SQLite's one writer, and every post waiting for it, for seconds while it wrote some 300 MB
    /// of log (session 18's benchmarks, a minute after the start); a daily run that finds nothing takes no writer.
    /// </summary>
    private async Task<int> InSlicesAsync(GazetteDb db, Func<int, Task<List<int>>> after, Func<List<int>, Task<int>> clear, CancellationToken cancellationToken)
    {
        var cleared = 0;
        for (var ids = await after(0); ids.Count > 0; ids = ids.Count < SliceRows ? [] : await after(ids[^1]))
        {
            await using var transaction = await writes.BeginAsync(db, cancellationToken);
            cleared += await clear(ids);
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
