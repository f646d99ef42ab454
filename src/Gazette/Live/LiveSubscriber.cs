using System.Threading.Channels;

namespace Gazette.Live;

/// <summary>
/// One open stream's inbox. Bounded: a reader that does not keep up is disconnected rather than allowed to hold memory,
/// and its browser reconnects and catches up from the database.
/// </summary>
public sealed class LiveSubscriber(string topic, long after)
{
    private const int Capacity = 1000;

    private readonly Channel<LiveMessage> inbox = Channel.CreateBounded<LiveMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public string Topic { get; } = topic;

    public ChannelReader<LiveMessage> Inbox => inbox.Reader;

    /// <summary>The last event its page had seen when it connected: older ones (a catch-up after Redis was away) are not sent again.</summary>
    public long After { get; } = after;

    public void Offer(LiveMessage message)
    {
        if (message.Id <= After)
        {
            return;
        }
        if (!inbox.Writer.TryWrite(message))
        {
            inbox.Writer.TryComplete();
        }
    }

    public void Close() => inbox.Writer.TryComplete();
}
