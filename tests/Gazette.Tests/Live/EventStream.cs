using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Gazette.Tests.Live;

/// <summary>One event of a stream: its id, its kind, its JSON.</summary>
public sealed record ServerEvent(long Id, string Kind, JsonElement Data)
{
    public int Comment => Data.GetProperty("comment").GetInt32();
}

/// <summary>A live stream read as a browser's EventSource reads it: events as they come, comments and the retry line skipped.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly Channel<ServerEvent> events = Channel.CreateUnbounded<ServerEvent>();
    private readonly CancellationTokenSource stop = new();
    private readonly Task reading;

    private EventStream(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        reading = ReadAsync(body);
    }

    public HttpResponseMessage Response => response;

    public static async Task<EventStream> OpenAsync(HttpClient http, string url, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The next event, waited for until a deadline (a failure says which was missing, rather than hanging).</summary>
    public async Task<ServerEvent> NextAsync(TimeSpan? within = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(within ?? TimeSpan.FromSeconds(10));
        try
        {
            return await events.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("No event arrived in time.");
        }
    }

    /// <summary>Every event already received, without waiting.</summary>
    public List<ServerEvent> Received()
    {
        var list = new List<ServerEvent>();
        while (events.Reader.TryRead(out var e))
        {
            list.Add(e);
        }
        return list;
    }

    private async Task ReadAsync(Stream body)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        long id = 0;
        string? kind = null;
        var data = new StringBuilder();
        try
        {
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        events.Writer.TryWrite(new ServerEvent(id, kind ?? "message", JsonDocument.Parse(data.ToString()).RootElement.Clone()));
                    }
                    (kind, data) = (null, new StringBuilder());
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    kind = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line[6..]);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        try
        {
            await reading;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        stop.Dispose();
    }
}
