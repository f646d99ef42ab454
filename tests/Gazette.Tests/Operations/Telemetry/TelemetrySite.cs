using System.Globalization;
using System.Net;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Operations.Telemetry;

/// <summary>
/// A site with an article open for comments and the telemetry settings a test gives. Those are host settings
/// (<c>UseSetting</c>), not <see cref="GazetteFactory.Settings"/>: whether OpenTelemetry runs at all is read while
/// services are registered, as from appsettings.json, the environment or the command line, and the test factory's
/// in-memory configuration only arrives when the host is built.
/// On a real port (Kestrel on 127.0.0.1) when asked, so that a request has a real client address; otherwise requests
/// may say where they come from (<see cref="ApiClient.ClientIpHeader"/>).
/// </summary>
public sealed class TelemetrySite : EmptyGazetteFactory
{
    public const string Slug = "calm-story";
    public const string Story = "/articles/calm-story";
    public const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

    private readonly KeyValuePair<string, string>[] telemetry;

    private TelemetrySite(bool onPort, KeyValuePair<string, string>[] telemetry)
    {
        this.telemetry = telemetry;
        if (onPort)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
    }

    /// <summary>http://127.0.0.1:port on a real port; the test server's address otherwise.</summary>
    public Uri Address { get; private set; } = new("http://localhost");

    /// <summary>Starts a site with these settings (such as <c>Telemetry:Prometheus:Enabled=true</c>) and its article.</summary>
    public static async Task<TelemetrySite> StartAsync(bool onPort = false, params string[] settings)
    {
        var site = new TelemetrySite(onPort, [.. settings.Select(setting => setting.Split('=', 2)).Select(pair => KeyValuePair.Create(pair[0], pair[1]))]);
        try
        {
            if (onPort)
            {
                site.StartServer();
                site.Address = new Uri(site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                    .Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
            }
            await site.WithDbAsync(async db =>
            {
                db.Add(Article("Calm story", Now.UtcDateTime.AddDays(-1), Author("Ana Writer")));
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            });
            return site;
        }
        catch
        {
            // A site that did not start (wrong settings) still has its data folder and database to drop.
            await site.DisposeAsync();
            throw;
        }
    }

    // Reads are written only when a test flushes them: the timer's own flush would count too.
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Articles:ReadFlushSeconds", "86400")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in telemetry)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client without cookies: on the real port when there is one (then its address is 127.0.0.1).</summary>
    public HttpClient Client(string? clientIp = null)
    {
        var client = Address.Host == "127.0.0.1" ? new HttpClient { BaseAddress = Address } : CreateReader();
        if (clientIp is not null)
        {
            client.DefaultRequestHeaders.Add(ApiClient.ClientIpHeader, clientIp);
        }
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Browser);
        return client;
    }

    /// <summary>GET /metrics, asserting it answers 200 in Prometheus's text format; the text.</summary>
    public async Task<string> ScrapeAsync(string? clientIp = null)
    {
        using var client = Client(clientIp);
        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/metrics answered {(int)response.StatusCode}: {text}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return text;
    }

    /// <summary>
    /// The sum of a metric's samples in a scrape whose labels include all of <paramref name="labels"/> (such as
    /// <c>reason="duplicate"</c>); 0 when it has none (a counter appears once it first counts).
    /// </summary>
    public static double Sample(string scrape, string metric, params string[] labels)
    {
        var total = 0.0;
        foreach (var line in scrape.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }
            var labelsEnd = line[metric.Length] == '{' ? LabelsEnd(line, metric.Length) : metric.Length - 1;
            if (!labels.All(label => line.AsSpan(metric.Length, labelsEnd + 1 - metric.Length).Contains(label, StringComparison.Ordinal)))
            {
                continue;
            }
            total += double.Parse(line[(labelsEnd + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        return total;
    }

    /// <summary>The closing brace of the labels starting at <paramref name="start"/>: values are quoted and may hold braces ("/articles/{slug}").</summary>
    private static int LabelsEnd(string line, int start)
    {
        var quoted = false;
        for (var i = start; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case '}' when !quoted:
                    return i;
            }
        }
        throw new FormatException($"Labels not closed: {line}");
    }
}
