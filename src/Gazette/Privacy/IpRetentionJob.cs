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

    public async Task<IpRetentionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.CurrentValue.IpRetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        int comments, votes, flags;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            comments = await db.Comments.Where(c => c.IpHash != null && c.CreatedAt < cutoff)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.IpHash, (string?)null), cancellationToken);
            votes = await db.CommentVotes.Where(v => v.IpHash != null && v.CastAt < cutoff)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.IpHash, (string?)null), cancellationToken);
            flags = await db.CommentFlags.Where(f => f.IpHash != null && f.CreatedAt < cutoff)
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.IpHash, (string?)null), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (comments + votes + flags > 0)
        {
            logger.LogInformation("Dropped the IP hashes of {Comments} comments, {Votes} votes and {Flags} flags older than {Cutoff:u}.",
                comments, votes, flags, cutoff);
        }
        return new IpRetentionResult(comments, votes, flags);
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
