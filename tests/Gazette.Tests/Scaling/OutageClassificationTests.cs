using Gazette.Scaling;
using StackExchange.Redis;

namespace Gazette.Tests.Scaling;

/// <summary>
/// Which failures of a Redis call a feature carries on without. A cancellation StackExchange.Redis makes itself (its
/// connection went while the site stopped, during a read-count flush) is one: it once escaped and failed a shutdown.
/// A cancellation the caller asked for (a reader who left) is not.
/// </summary>
public sealed class OutageClassificationTests
{
    [Fact]
    public void CancellationNobodyAskedForIsAnOutage() => // StackExchange.Redis's calls take no token
        Assert.True(RedisConnection.IsOutage(new TaskCanceledException(), CancellationToken.None));

    [Fact]
    public void CancellationTheCallerAskedForIsNot()
    {
        using var left = new CancellationTokenSource();
        left.Cancel();

        Assert.False(RedisConnection.IsOutage(new OperationCanceledException(left.Token), left.Token));
    }

    [Fact]
    public void ConnectionAndTimeoutFailuresAreOutagesAlsoInsideAnAggregate() =>
        Assert.True(RedisConnection.IsOutage(new AggregateException(
            new RedisConnectionException(ConnectionFailureType.SocketFailure, "gone"), new RedisTimeoutException("slow", CommandStatus.Sent)), CancellationToken.None));

    [Fact]
    public void AProgrammingErrorIsNot() =>
        Assert.False(RedisConnection.IsOutage(new InvalidCastException(), CancellationToken.None));
}
