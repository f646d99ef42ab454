using System.Collections.Concurrent;
using System.Text.Json;
using Gazette.Data;
using Gazette.Scaling;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Gazette.Live;

/// <summary>
/// The streams open on this instance, by topic, and the way events reach them: an event recorded here is handed to
/// this instance's streams at once and told to the other instances through a Redis channel; one recorded elsewhere
/// arrives from that channel. Without Redis there are no others. While Redis is away only this instance's own events
/// arrive; when it is back, every topic with a stream open here catches up from the database (the events are kept
/// there), so nothing said meanwhile is lost; a page drops what it has already seen by the event's id.
/// </summary>
public sealed partial class LiveStreams(RedisConnection redis, InstanceMessages instances, IServiceScopeFactory scopes, ILogger<LiveStreams> log)
    : IHostedService
{
    public const string ChannelName = "live";
    private const string Use = "sending live updates to the other instances";

    private readonly ConcurrentDictionary<string, Topic> topics = new();
    // Events whose relay failed while Redis was away, sent again when it is back: the other instances' catch-up on
    // their own reconnection only covers what was recorded before it, and this instance may reconnect after them.
    private readonly ConcurrentQueue<LiveMessage> unrelayed = new();
    private const int MaxUnrelayed = 10_000;
    private readonly SemaphoreSlim relaying = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private int connections;

    /// <summary>Streams open on this instance now.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Cancelled when the site stops, so that open streams end and let it.</summary>
    public CancellationToken Stopping => stopping.Token;

    public LiveSubscriber Join(string topic, long after)
    {
        var subscriber = new LiveSubscriber(topic, after);
        while (true)
        {
            var state = topics.GetOrAdd(topic, _ => new Topic(after));
            lock (state)
            {
                if (state.Removed)
                {
                    continue; // the last stream left just now: a fresh one
                }
                state.Subscribers.Add(subscriber);
                state.LastSeen = Math.Min(state.LastSeen, after);
            }
            Interlocked.Increment(ref connections);
            return subscriber;
        }
    }

    public void Leave(LiveSubscriber subscriber)
    {
        subscriber.Close();
        Interlocked.Decrement(ref connections);
        if (!topics.TryGetValue(subscriber.Topic, out var state))
        {
            return;
        }
        lock (state)
        {
            state.Subscribers.Remove(subscriber);
            if (state.Subscribers.Count == 0)
            {
                state.Removed = true;
                topics.TryRemove(new KeyValuePair<string, Topic>(subscriber.Topic, state));
            }
        }
    }

    /// <summary>An event recorded on this instance: to its own streams now, to the others' through Redis.</summary>
    public async Task PublishAsync(LiveMessage message)
    {
        Deliver(message);
        if (!redis.IsConfigured)
        {
            return;
        }
        if (!await RelayAsync(message))
        {
            unrelayed.Enqueue(message);
            while (unrelayed.Count > MaxUnrelayed && unrelayed.TryDequeue(out _))
            {
            }
        }
    }

    private async Task<bool> RelayAsync(LiveMessage message)
    {
        try
        {
            var text = JsonSerializer.Serialize(new Relayed(instances.InstanceId, message));
            await redis.Multiplexer.GetSubscriber().PublishAsync(redis.Channel(ChannelName), text);
            redis.ReportSuccess(Use);
            return true;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.ReportFailure(Use, e);
            return false;
        }
    }

    /// <summary>What could not be relayed while Redis was away, in its order; what fails again stays for next time.</summary>
    private async Task RelayMissedAsync()
    {
        await relaying.WaitAsync();
        try
        {
            while (unrelayed.TryPeek(out var message) && await RelayAsync(message))
            {
                unrelayed.TryDequeue(out _);
            }
        }
        finally
        {
            relaying.Release();
        }
    }

    private void Deliver(LiveMessage message)
    {
        if (!topics.TryGetValue(message.Topic, out var state))
        {
            return;
        }
        LiveSubscriber[] subscribers;
        lock (state)
        {
            subscribers = [.. state.Subscribers];
            state.LastSeen = Math.Max(state.LastSeen, message.Id);
        }
        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(message);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConfigured)
        {
            return;
        }
        redis.Multiplexer.ConnectionRestored += OnConnectionRestored;
        if (!await SubscribeAsync())
        {
            // Redis is away at start: keep trying (as InstanceMessageListener does), then catch up.
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
            await redis.Multiplexer.GetSubscriber().UnsubscribeAsync(redis.Channel(ChannelName));
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            // Stopping anyway.
        }
    }

    private int subscribed;

    private async Task<bool> SubscribeAsync()
    {
        if (Interlocked.Exchange(ref subscribed, 1) == 1)
        {
            return true;
        }
        try
        {
            await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.Channel(ChannelName), OnRelayed);
            return true;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            Volatile.Write(ref subscribed, 0);
            redis.ReportFailure("receiving live updates from the other instances", e);
            return false;
        }
    }

    private void OnRelayed(RedisChannel channel, RedisValue text)
    {
        Relayed? relayed;
        try
        {
            relayed = JsonSerializer.Deserialize<Relayed>((string)text!);
        }
        catch (JsonException)
        {
            return;
        }
        if (relayed is { Message: { } message } && relayed.Sender != instances.InstanceId)
        {
            Deliver(message);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        _ = RunAsync(_ => RelayMissedAsync());
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }
        _ = RunAsync(async token =>
        {
            await SubscribeAsync();
            await CatchUpAsync(token);
            // Once more when the subscription has surely been renewed: an event relayed between the reconnection and
            // the renewal reached no one here.
            await Task.Delay(TimeSpan.FromSeconds(2), token);
            await CatchUpAsync(token);
        });
    }

    /// <summary>After a time without Redis: each topic open here gets, from the database, what it may have missed.</summary>
    private async Task CatchUpAsync(CancellationToken token)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        foreach (var (name, state) in topics)
        {
            long after;
            lock (state)
            {
                after = state.LastSeen;
            }
            var missed = await LiveFeed.AfterAsync(db, name, after, 10_000, token);
            foreach (var message in missed)
            {
                Deliver(message);
            }
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not catch up with live updates made on another instance.")]
    private static partial void CatchUpFailed(ILogger logger, Exception exception);

    private sealed class Topic(long after)
    {
        public List<LiveSubscriber> Subscribers { get; } = [];
        public long LastSeen { get; set; } = after;
        public bool Removed { get; set; }
    }

    private sealed record Relayed(string Sender, LiveMessage Message);
}
