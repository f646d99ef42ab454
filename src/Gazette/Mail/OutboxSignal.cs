using Gazette.Scaling;
using StackExchange.Redis;

namespace Gazette.Mail;

/// <summary>
/// Wakes the sender when a message is queued: this instance's at once, the other instances' through a Redis channel
/// when they share one. Best effort: a missed signal costs at most Mail:PollInterval.
/// </summary>
public sealed partial class OutboxSignal(RedisConnection redis, ILogger<OutboxSignal> log)
{
    public const string ChannelName = "mail";

    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Wakes this instance's sender, and tells the others.</summary>
    public void MessagesQueued()
    {
        WakeHere();
        if (redis.IsConfigured)
        {
            _ = PublishAsync();
        }
    }

    public void WakeHere()
    {
        // Checked first: under a stream of posts the signal is nearly always set already, and a throw and catch each
        // time cost a post more than its rate limit. The catch stays for two callers racing past the check.
        if (wake.CurrentCount > 0)
        {
            return;
        }
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake or about to be: one wake-up covers every message queued before the sender looks.
        }
    }

    /// <summary>Waits for a wake-up or <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => wake.WaitAsync(timeout, cancellationToken);

    public async Task SubscribeAsync()
    {
        if (!redis.IsConfigured)
        {
            return;
        }
        try
        {
            await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.Channel(ChannelName), (_, _) => WakeHere());
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            NotSubscribed(log, e);
        }
    }

    private async Task PublishAsync()
    {
        try
        {
            await redis.Multiplexer.GetSubscriber().PublishAsync(redis.Channel(ChannelName), "queued");
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            // The others find it at their next poll.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not listen for mail queued on other instances: they are found by polling.")]
    private static partial void NotSubscribed(ILogger logger, Exception exception);
}
