using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gazette.Tests.Operations.Telemetry;

/// <summary>
/// A small OTLP/HTTP collector on 127.0.0.1 and a free port: it keeps every protobuf body posted to /v1/traces,
/// /v1/metrics and /v1/logs, and answers as a collector does (200, an empty export response). It does not decode
/// the protobuf: names of spans, routes and instruments are UTF-8 strings inside it, which is what the tests look for.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> received = new();
    private readonly SemaphoreSlim arrived = new(0);

    private OtlpReceiver(WebApplication app) => this.app = app;

    /// <summary>http://127.0.0.1:port, the base address an exporter is given.</summary>
    public Uri Endpoint => new(app.Urls.Single());

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var receiver = new OtlpReceiver(builder.Build());
        foreach (var signal in new[] { "traces", "metrics", "logs" })
        {
            receiver.app.MapPost($"/v1/{signal}", async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                receiver.received.Enqueue((context.Request.Path, context.Request.ContentType, body.ToArray()));
                receiver.arrived.Release();
                context.Response.ContentType = "application/x-protobuf";
            });
        }
        await receiver.app.StartAsync(TestContext.Current.CancellationToken);
        return receiver;
    }

    /// <summary>What was posted to /v1/<paramref name="signal"/> so far, with its content type.</summary>
    public IReadOnlyList<(string? ContentType, byte[] Body)> Received(string signal) =>
        [.. received.Where(r => r.Path == $"/v1/{signal}").Select(r => (r.ContentType, r.Body))];

    /// <summary>
    /// Waits, up to a deadline, until the bodies posted to /v1/<paramref name="signal"/> hold all of
    /// <paramref name="texts"/>, asking the site to export what it has (<paramref name="flush"/>) before each look.
    /// </summary>
    public async Task WaitForAsync(string signal, Func<bool> flush, params string[] texts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            flush();
            var missing = texts.Where(text => !Received(signal).Any(r => Contains(r.Body, text))).ToList();
            if (missing.Count == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No {signal} holding {string.Join(", ", missing)} arrived within 30 s ({Received(signal).Count} posted).");
            }
            await arrived.WaitAsync(TimeSpan.FromMilliseconds(250), TestContext.Current.CancellationToken);
        }
    }

    public static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        arrived.Dispose();
    }
}
