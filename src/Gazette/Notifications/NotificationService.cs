using System.Diagnostics;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Notifications;

/// <summary>
/// Notifications never run in a reader's request: this hosted service, woken by <see cref="NotificationSignal"/> after
/// a comment became public here (then <see cref="NotificationOptions.WakeDelay"/> later, so that a burst is one batch)
/// and otherwise every <see cref="NotificationOptions.PollInterval"/>, deals with the published comments and the
/// followed discussions, and once per poll interval with the digests and the staff's alerts, each in batches of one
/// transaction.
/// </summary>
public sealed partial class NotificationService(
    IServiceScopeFactory scopes, NotificationSignal signal, IOptionsMonitor<NotificationOptions> options, TimeProvider clock,
    ILogger<NotificationService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var lastFull = 0L;
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            // The digests, the staff's alerts and the clean-up do not wait on new comments: once per poll interval,
            // not once per wake-up.
            var full = lastFull == 0 || Stopwatch.GetElapsedTime(lastFull) >= settings.PollInterval;
            try
            {
                if (full)
                {
                    lastFull = Stopwatch.GetTimestamp();
                }
                await RunRoundAsync(full, stoppingToken);
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
                if (await signal.WaitAsync(settings.PollInterval, stoppingToken) && settings.WakeDelay > TimeSpan.Zero)
                {
                    // Comments posted within the delay are one batch: a busy site wakes the service once, not per post.
                    await Task.Delay(settings.WakeDelay, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: every batch that is due, until none is.</summary>
    public Task RunOnceAsync(CancellationToken cancellationToken) => RunRoundAsync(full: true, cancellationToken);

    /// <summary>The published comments and the followed discussions; with <paramref name="full"/>, the rest too.</summary>
    private async Task RunRoundAsync(bool full, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<GazetteDb>();
        var batch = options.CurrentValue.BatchSize;
        var published = services.GetRequiredService<PublishedComments>();
        var dealtWith = 0;
        int taken;
        while ((taken = await published.RunBatchAsync(db, cancellationToken)) > 0)
        {
            dealtWith += taken;
            if (taken < batch)
            {
                break;
            }
        }
        if (!options.CurrentValue.Enabled || (!full && dealtWith == 0))
        {
            return;
        }
        var follows = services.GetRequiredService<FollowedDiscussions>();
        while (await follows.RunBatchAsync(db, cancellationToken) >= batch)
        {
        }
        if (!full)
        {
            return;
        }
        var digests = services.GetRequiredService<Digests>();
        while (await digests.RunBatchAsync(db, cancellationToken) >= batch)
        {
        }
        await services.GetRequiredService<StaffAlerts>().RunAsync(db, cancellationToken);
        await NotificationLimits.ForgetOldAsync(db, services.GetRequiredService<WriteGate>(), clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifications could not be dealt with this round; the next one tries again.")]
    private static partial void RoundFailed(ILogger logger, Exception exception);
}
