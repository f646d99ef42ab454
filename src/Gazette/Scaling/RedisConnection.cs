using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gazette.Scaling;

/// <summary>
/// The one connection to Redis that every shared feature uses, when <c>Redis:Configuration</c> is set. It never stops
/// the site: it connects in the background (AbortOnConnectFail off), fails a command at once while Redis is away
/// (rather than queueing it behind a request), times out quickly, and keeps reconnecting every second. Each feature
/// decides what to do without Redis, and tells <see cref="ReportFailure"/>, which logs an outage once, not per request.
/// </summary>
public sealed partial class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer>? multiplexer;
    private readonly ILogger<RedisConnection> log;
    private readonly ConcurrentDictionary<string, bool> failing = new();

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> log)
    {
        this.log = log;
        Prefix = options.Value.Prefix;
        if (string.IsNullOrWhiteSpace(options.Value.Configuration))
        {
            return;
        }
        var configuration = Configure(options.Value.Configuration);
        Endpoints = string.Join(", ", configuration.EndPoints.Select(endpoint => endpoint.ToString()));
        multiplexer = new Lazy<ConnectionMultiplexer>(() => Connect(configuration));
    }

    /// <summary>Whether <c>Redis:Configuration</c> is set.</summary>
    public bool IsConfigured => multiplexer is not null;

    /// <summary>Whether Redis is configured and answers now (for health checks: configured but not connected is degraded).</summary>
    public bool IsConnected => multiplexer?.Value.IsConnected == true;

    /// <summary>The server(s), without any password, for the log.</summary>
    public string Endpoints { get; } = "";

    public string Prefix { get; }

    /// <summary>The connection (made on first use). Only when <see cref="IsConfigured"/>.</summary>
    public IConnectionMultiplexer Multiplexer =>
        multiplexer?.Value ?? throw new InvalidOperationException("Redis is not configured (Redis:Configuration).");

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>A key of this site: the prefix, then the name.</summary>
    public RedisKey Key(string name) => new(Prefix + name);

    public RedisChannel Channel(string name) => RedisChannel.Literal(Prefix + name);

    /// <summary>
    /// What a feature that uses Redis catches to carry on without it (RedisTimeoutException is a TimeoutException; a
    /// scan, as the page cache's eviction by tag, wraps its failure in an AggregateException). A cancellation counts
    /// too unless the caller's own token asked for it: StackExchange.Redis's calls take no token, and it cancels what
    /// it was sending when its connection goes (as when the site stops during a flush).
    /// </summary>
    public static bool IsOutage(Exception exception, CancellationToken cancellationToken = default) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => IsOutage(inner, cancellationToken)),
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => exception is RedisException or TimeoutException or SocketException or IOException or ObjectDisposedException,
    };

    /// <summary>Logs that a use of Redis failed, once until it works again (a request each would flood the log).</summary>
    public void ReportFailure(string use, Exception exception)
    {
        if (failing.TryAdd(use, true))
        {
            UseFailed(log, use, exception);
        }
    }

    /// <summary>A use of Redis worked: if it had failed, says that it works again.</summary>
    public void ReportSuccess(string use)
    {
        if (!failing.IsEmpty && failing.TryRemove(use, out _))
        {
            UseRecovered(log, use);
        }
    }

    /// <summary>
    /// Gazette's defaults for a site that must not wait on Redis; a timeout the configuration string sets itself
    /// (<c>connectTimeout=</c>, <c>syncTimeout=</c>, <c>asyncTimeout=</c>) wins.
    /// </summary>
    internal static ConfigurationOptions Configure(string configurationString)
    {
        var configuration = ConfigurationOptions.Parse(configurationString);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new LinearRetry(1000);
        if (!configurationString.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            configuration.ConnectTimeout = 2000;
        }
        if (!configurationString.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            configuration.SyncTimeout = 1000;
        }
        if (!configurationString.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            configuration.AsyncTimeout = 1000;
        }
        configuration.ClientName ??= "gazette";
        return configuration;
    }

    private ConnectionMultiplexer Connect(ConfigurationOptions configuration)
    {
        var connection = ConnectionMultiplexer.Connect(configuration);
        connection.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                ConnectionLost(log, Endpoints, e.FailureType, e.Exception);
            }
        };
        connection.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                ConnectionBack(log, Endpoints);
            }
        };
        if (!connection.IsConnected)
        {
            NotConnectedAtStart(log, Endpoints);
        }
        return connection;
    }

    public void Dispose()
    {
        if (multiplexer is { IsValueCreated: true })
        {
            multiplexer.Value.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis ({Endpoints}) does not answer; Gazette serves without it and keeps trying.")]
    private static partial void NotConnectedAtStart(ILogger logger, string endpoints);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection to Redis ({Endpoints}): {FailureType}; Gazette serves without it and keeps trying.")]
    private static partial void ConnectionLost(ILogger logger, string endpoints, ConnectionFailureType failureType, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to Redis ({Endpoints}) again.")]
    private static partial void ConnectionBack(ILogger logger, string endpoints);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis failed for {Use}; carrying on without it until it answers again.")]
    private static partial void UseFailed(ILogger logger, string use, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis works again for {Use}.")]
    private static partial void UseRecovered(ILogger logger, string use);
}
