using System.Text;

namespace Gazette.Live;

/// <summary>An event as it goes to the pages (and, through Redis, to the other instances).</summary>
public sealed record LiveMessage(long Id, string Topic, string Kind, string Data)
{
    public static LiveMessage Of(LiveEvent e) => new(e.Id, e.Topic, e.Kind, e.Data);

    /// <summary>The event in server-sent events' format: its id (where a reconnection resumes), its kind, its JSON.</summary>
    public byte[] ToEventStream() => Encoding.UTF8.GetBytes($"id: {Id}\nevent: {Kind}\ndata: {Data}\n\n");
}
