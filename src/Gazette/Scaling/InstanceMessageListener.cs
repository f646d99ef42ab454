using Gazette.Administration;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gazette.Scaling;

/// <summary>
/// Acts on what the other instances say changed (<see cref="InstanceMessages"/>): an article's kept details are
/// dropped, then its cached pages (again: one this instance rendered from those details may have been stored after the
/// other's eviction); saved settings are read again, then every cached page goes (a page another instance rendered with the old
/// settings in the meantime would otherwise stay). When the connection to Redis comes back, messages may have been
/// missed: everything kept is dropped, the settings are read again and every cached page goes; and data-protection
/// keys this instance made meanwhile are handed to Redis, so that the others can open the cookies it sealed with them.
/// </summary>
public sealed partial class InstanceMessageListener(
    RedisConnection redis, InstanceMessages messages, SiteCache siteCache, SiteSettingsStore settings, IOutputCacheStore pages,
    IOptions<KeyManagementOptions> keys, ILogger<InstanceMessageListener> log) : IHostedService
{
    private readonly CancellationTokenSource stopping = new();
    private int subscribed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConfigured)
        {
            return;
        }
        redis.Multiplexer.ConnectionRestored += OnConnectionRestored;
        if (!await SubscribeAsync())
        {
            // Redis is away at start. StackExchange.Redis does not always raise ConnectionRestored for a first connection
            // made late (seen in tests), so this keeps trying itself, then catches up as after a reconnection.
            _ = RunAsync(async token =>
            {
                while (!await SubscribeAsync())
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), token);
                }
                await CatchUpAsync(token);
            });
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (!redis.IsConfigured)
        {
            return;
        }
        redis.Multiplexer.ConnectionRestored -= OnConnectionRestored;
        try
        {
            await redis.Multiplexer.GetSubscriber().UnsubscribeAsync(redis.Channel(InstanceMessages.ChannelName));
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            // Stopping anyway: the connection goes with the site.
        }
    }

    /// <summary>Subscribes once; false while Redis is away (it is tried again).</summary>
    private async Task<bool> SubscribeAsync()
    {
        if (Interlocked.Exchange(ref subscribed, 1) == 1)
        {
            return true;
        }
        try
        {
            await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.Channel(InstanceMessages.ChannelName), OnMessage);
            return true;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            Volatile.Write(ref subscribed, 0);
            redis.ReportFailure("listening to the other instances", e);
            return false;
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue text)
    {
        if (InstanceMessage.Parse(text) is not { } message || message.Sender == messages.InstanceId)
        {
            return;
        }
        switch (message.Kind)
        {
            case InstanceMessage.Article:
                _ = RunAsync(token => siteCache.ArticleChangedElsewhereAsync(message.Value, token));
                break;
            case InstanceMessage.Settings:
                _ = RunAsync(async token =>
                {
                    await settings.LoadAsync(token);
                    await pages.EvictByTagAsync(PageCache.Everything, token);
                });
                break;
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }
        _ = RunAsync(async token =>
        {
            await SubscribeAsync();
            await CatchUpAsync(token);
        });
    }

    /// <summary>After a time without Redis: keys made meanwhile go to Redis, and whatever may have been missed is dropped.</summary>
    private async Task CatchUpAsync(CancellationToken token)
    {
        (keys.Value.XmlRepository as SharedKeyRepository)?.GetAllElements();
        siteCache.ForgetAllArticles();
        await settings.LoadAsync(token);
        await pages.EvictByTagAsync(PageCache.Everything, token);
    }

    /// <summary>Off Redis's own thread, and never an unobserved failure: a failure is logged, and the next message or reconnection tries again.</summary>
    private async Task RunAsync(Func<CancellationToken, Task> work)
    {
        try
        {
            await Task.Yield();
            await work(stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            CatchUpFailed(log, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not catch up with a change made on another instance.")]
    private static partial void CatchUpFailed(ILogger logger, Exception exception);
}
