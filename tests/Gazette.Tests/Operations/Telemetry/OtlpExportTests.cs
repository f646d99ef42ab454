using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Gazette.Tests.Operations.Telemetry;

/// <summary>
/// Issue 11, seeing it run: traces and metrics pushed over OTLP (http/protobuf here) to a collector, set by Gazette's
/// own setting or by the standard OTEL_EXPORTER_OTLP_* variables (environment variables are configuration keys of the
/// same name, which is how these tests give them without changing the process's environment under other tests).
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task PageRequestArrivesAtTheCollectorAsATraceWithItsDatabaseQueries()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var site = await TelemetrySite.StartAsync(onPort: false,
            $"Telemetry:Otlp:Endpoint={collector.Endpoint}", "Telemetry:Otlp:Protocol=http/protobuf");
        using var reader = site.Client();

        (await reader.GetAsync(TelemetrySite.Story, TestContext.Current.CancellationToken)).Dispose();

        var traces = site.Services.GetRequiredService<TracerProvider>();
        string[] expected = ["articles/{slug}", "gazette", TestDatabase.IsPostgres ? "postgresql" : "sqlite"];
        // With Redis (GAZETTE_TEST_REDIS), the page cache's look-up and store are Redis commands of that request.
        await collector.WaitForAsync("traces", () => traces.ForceFlush(5000),
            Environment.GetEnvironmentVariable("GAZETTE_TEST_REDIS") is { Length: > 0 } ? [.. expected, "OpenTelemetry.Instrumentation.StackExchangeRedis"] : expected);
        Assert.All(collector.Received("traces"), trace => Assert.Equal("application/x-protobuf", trace.ContentType));
    }

    [Fact]
    public async Task MetricsArriveAtTheCollectorWithGazettesOwn()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var site = await TelemetrySite.StartAsync(onPort: false,
            $"Telemetry:Otlp:Endpoint={collector.Endpoint}", "Telemetry:Otlp:Protocol=http/protobuf");
        using var reader = site.Client();

        (await reader.GetAsync(TelemetrySite.Story, TestContext.Current.CancellationToken)).Dispose();

        var metrics = site.Services.GetRequiredService<MeterProvider>();
        await collector.WaitForAsync("metrics", () => metrics.ForceFlush(5000), "http.server.request.duration", "gazette.page_cache.misses");
    }

    [Fact]
    public async Task StandardVariablesTurnOtlpOnWithoutGazettesSetting()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var site = await TelemetrySite.StartAsync(onPort: false,
            $"OTEL_EXPORTER_OTLP_ENDPOINT={collector.Endpoint}", "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf", "OTEL_SERVICE_NAME=gazette-eu-1");
        using var reader = site.Client();

        (await reader.GetAsync(TelemetrySite.Story, TestContext.Current.CancellationToken)).Dispose();

        var traces = site.Services.GetRequiredService<TracerProvider>();
        await collector.WaitForAsync("traces", () => traces.ForceFlush(5000), "articles/{slug}", "gazette-eu-1");
    }
}
