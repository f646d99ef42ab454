using System.Net;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Gazette.Tests.Operations.Telemetry;

/// <summary>
/// Issue 11, seeing it run: a Prometheus scrape endpoint at /metrics, off by default, and when on only for the
/// addresses allowed (this machine by default, the reader's address as the proxy gave it behind one).
/// </summary>
public sealed class MetricsEndpointTests
{
    private const string Enabled = "Telemetry:Prometheus:Enabled=true";

    [Fact]
    public async Task MetricsAreNotServedByDefaultAndNoTelemetryRuns()
    {
        await using var site = await TelemetrySite.StartAsync();
        using var client = site.Client("127.0.0.1");

        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // Nothing registered, so nothing listens: Gazette's instruments and the standard ones stay disabled.
        Assert.Null(site.Services.GetService<MeterProvider>());
        Assert.Null(site.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task ScrapeFromThisMachineShowsTheStandardMetricsInPrometheusFormat()
    {
        await using var site = await TelemetrySite.StartAsync(onPort: true, Enabled);
        using (var reader = site.Client())
        {
            (await reader.GetAsync(TelemetrySite.Story, TestContext.Current.CancellationToken)).Dispose();
        }

        var scrape = await site.ScrapeAsync();

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", scrape);
        Assert.Contains("http_route=\"articles/{slug}\"", scrape);
        Assert.Contains("service_name=\"gazette\"", scrape); // target_info: which service these come from
    }

    [Fact]
    public async Task ScrapeIsNeverServedFromThePageCache()
    {
        await using var site = await TelemetrySite.StartAsync(onPort: true, Enabled);
        var first = await site.ScrapeAsync();
        using (var reader = site.Client())
        {
            (await reader.GetAsync(TelemetrySite.Story, TestContext.Current.CancellationToken)).Dispose();
        }

        // The server records a request's duration as it ends, which may be just after the reader has the whole page:
        // scrapes are taken again until it shows (or the deadline passes), never served from a cache meanwhile.
        var before = TelemetrySite.Sample(first, "http_server_request_duration_seconds_count", "http_route=");
        var second = await site.ScrapeAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(10);
             TelemetrySite.Sample(second, "http_server_request_duration_seconds_count", "http_route=") <= before && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            second = await site.ScrapeAsync();
        }

        Assert.NotEqual(first, second);
        Assert.True(TelemetrySite.Sample(second, "http_server_request_duration_seconds_count", "http_route=") > before,
            $"Before the read:\n{Durations(first)}\nAfter it:\n{Durations(second)}");
    }

    private static string Durations(string scrape) =>
        string.Join('\n', scrape.Split('\n').Where(line => line.StartsWith("http_server_request_duration_seconds_count", StringComparison.Ordinal)));

    [Fact]
    public async Task ReaderBehindTheProxyOnThisMachineIsRefused()
    {
        await using var site = await TelemetrySite.StartAsync(onPort: true, Enabled);
        using var client = site.Client();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("http_server_request_duration", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AllowedAddressesReplaceThisMachine()
    {
        await using var site = await TelemetrySite.StartAsync(onPort: false, Enabled,
            "Telemetry:Prometheus:AllowedAddresses:0=10.0.0.0/24", "Telemetry:Prometheus:AllowedAddresses:1=2001:db8::7");

        var network = await StatusAsync(site, "10.0.0.9");
        var address = await StatusAsync(site, "2001:db8::7");
        var loopback = await StatusAsync(site, "127.0.0.1");
        var outside = await StatusAsync(site, "10.0.1.9");
        var unknown = await StatusAsync(site, null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (network, address));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (loopback, outside, unknown));
    }

    [Fact]
    public async Task AllowedAddressThatIsNotOneStopsTheSiteSayingWhichSetting()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            TelemetrySite.StartAsync(onPort: false, Enabled, "Telemetry:Prometheus:AllowedAddresses:0=prometheus.internal"));

        Assert.Contains("Telemetry:Prometheus:AllowedAddresses: \"prometheus.internal\" is neither an IP address", refused.ToString());
    }

    [Theory]
    [InlineData("Telemetry:Otlp:Endpoint=collector:4317", "Telemetry:Otlp:Endpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) must be an http:// or https:// address")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL=http/json", "Telemetry:Otlp:Protocol (or OTEL_EXPORTER_OTLP_PROTOCOL) must be grpc or http/protobuf, not \"http/json\"")]
    public async Task WrongOtlpSettingStopsTheSiteSayingWhichSetting(string setting, string message)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => TelemetrySite.StartAsync(onPort: false, setting));

        Assert.Contains(message, refused.ToString());
    }

    private static async Task<HttpStatusCode> StatusAsync(TelemetrySite site, string? clientIp)
    {
        using var client = site.Client(clientIp);
        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
