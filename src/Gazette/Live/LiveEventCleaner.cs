using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Live;

/// <summary>Every hour, drops events older than <see cref="LiveDiscussionOptions.KeepHours"/>: no page is that far behind.</summary>
public sealed partial class LiveEventCleaner(IServiceScopeFactory scopes, TimeProvider clock, IOptions<LiveDiscussionOptions> options, ILogger<LiveEventCleaner> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
                var before = clock.GetUtcNow().UtcDateTime.AddHours(-options.Value.KeepHours);
                await using var transaction = await scope.ServiceProvider.GetRequiredService<WriteGate>().BeginAsync(db, stoppingToken);
                await db.LiveEvents.Where(e => e.At < before).ExecuteDeleteAsync(stoppingToken);
                await transaction.CommitAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CleaningFailed(log, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not drop old live events; trying again in an hour.")]
    private static partial void CleaningFailed(ILogger logger, Exception exception);
}
