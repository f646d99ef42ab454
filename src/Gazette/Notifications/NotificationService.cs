using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Notifications;

/// <summary>
/// Notifications never run in a reader's request: this hosted service, woken by <see cref="NotificationSignal"/> after
/// a comment became public here and otherwise every <see cref="NotificationOptions.PollInterval"/>, deals with the
/// published comments, the followed discussions, the digests and the staff's alerts, each in batches of one transaction.
/// </summary>
public sealed partial class NotificationService(
    IServiceScopeFactory scopes, NotificationSignal signal, IOptionsMonitor<NotificationOptions> options, TimeProvider clock,
    ILogger<NotificationService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database away, most likely: nothing was marked, and the next round tries again.
                RoundFailed(log, e);
            }
            try
            {
                await signal.WaitAsync(options.CurrentValue.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: every batch that is due, until none is.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<GazetteDb>();
        var batch = options.CurrentValue.BatchSize;
        var published = services.GetRequiredService<PublishedComments>();
        while (await published.RunBatchAsync(db, cancellationToken) >= batch)
        {
        }
        if (!options.CurrentValue.Enabled)
        {
            return;
        }
        var follows = services.GetRequiredService<FollowedDiscussions>();
        while (await follows.RunBatchAsync(db, cancellationToken) >= batch)
        {
        }
        var digests = services.GetRequiredService<Digests>();
        while (await digests.RunBatchAsync(db, cancellationToken) >= batch)
        {
        }
        await services.GetRequiredService<StaffAlerts>().RunAsync(db, cancellationToken);
        // The limits look back an hour: older records are of no more use.
        var dayAgo = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        await db.Set<NotificationSent>().Where(s => s.At < dayAgo).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifications could not be dealt with this round; the next one tries again.")]
    private static partial void RoundFailed(ILogger logger, Exception exception);
}
