using System.Net;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;

namespace Gazette.Operations.Telemetry;

/// <summary>
/// Section "Telemetry": where metrics and traces go. Nothing is on by default; then no OpenTelemetry provider is even
/// registered, and Gazette's own instruments (<see cref="Infrastructure.GazetteMetrics"/>) stay disabled.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The standard variables, honoured when Gazette's own settings leave these out.</summary>
    public const string StandardEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string StandardProtocol = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string StandardServiceName = "OTEL_SERVICE_NAME";

    public OtlpSettings Otlp { get; set; } = new();

    public PrometheusSettings Prometheus { get; set; } = new();

    /// <summary>The <c>service.name</c> every metric and span carries; when empty, <c>OTEL_SERVICE_NAME</c>, else "gazette".</summary>
    public string? ServiceName { get; set; }

    /// <summary>Telemetry:Otlp: traces, metrics and logs pushed to an OpenTelemetry collector.</summary>
    public sealed class OtlpSettings
    {
        /// <summary>
        /// The collector's base address, such as <c>http://collector:4317</c> (grpc) or <c>http://collector:4318</c>
        /// (http/protobuf, where <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> are added). Empty: no OTLP.
        /// </summary>
        public string? Endpoint { get; set; }

        /// <summary><c>grpc</c> (the default, as OpenTelemetry .NET's) or <c>http/protobuf</c>.</summary>
        public string? Protocol { get; set; }

        public bool IsOn => !string.IsNullOrWhiteSpace(Endpoint);

        public Uri EndpointUri => new(Endpoint!, UriKind.Absolute);

        public OtlpExportProtocol ExportProtocol => Protocol?.Trim().ToLowerInvariant() switch
        {
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            _ => OtlpExportProtocol.Grpc,
        };
    }

    /// <summary>Telemetry:Prometheus: a scrape endpoint at <see cref="Path"/>, for the addresses allowed only.</summary>
    public sealed class PrometheusSettings
    {
        public const string Path = "/metrics";

        public bool Enabled { get; set; }

        /// <summary>
        /// Addresses (<c>10.0.0.9</c>) and CIDR networks (<c>10.0.0.0/24</c>) that may scrape. Empty: this machine only
        /// (127.0.0.0/8 and ::1). The address is the client's as <c>ForwardedHeaders</c> makes it out behind a proxy.
        /// </summary>
        public string[] AllowedAddresses { get; set; } = [];

        public IReadOnlyList<IPNetwork> AllowedNetworks => AllowedAddresses.Length == 0
            ? [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")]
            : [.. AllowedAddresses.Select(entry => TryParseNetwork(entry, out var network) ? network : throw new FormatException(entry))];
    }

    /// <summary>Gazette's settings, then the standard variables where those are silent (environment variables are configuration too).</summary>
    public void Bind(IConfiguration configuration)
    {
        configuration.GetSection(Section).Bind(this);
        if (string.IsNullOrWhiteSpace(Otlp.Endpoint))
        {
            Otlp.Endpoint = configuration[StandardEndpoint];
        }
        if (string.IsNullOrWhiteSpace(Otlp.Protocol))
        {
            Otlp.Protocol = configuration[StandardProtocol];
        }
        if (string.IsNullOrWhiteSpace(ServiceName))
        {
            ServiceName = configuration[StandardServiceName] is { Length: > 0 } standard ? standard : "gazette";
        }
    }

    public static TelemetryOptions Read(IConfiguration configuration)
    {
        var options = new TelemetryOptions();
        options.Bind(configuration);
        return options;
    }

    /// <summary>What is wrong with these settings, one sentence each, naming the setting.</summary>
    public IEnumerable<string> Problems()
    {
        if (Otlp.IsOn && !(Uri.TryCreate(Otlp.Endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"Telemetry:Otlp:Endpoint (or {StandardEndpoint}) must be an http:// or https:// address such as http://collector:4317, not \"{Otlp.Endpoint}\".";
        }
        if (!string.IsNullOrWhiteSpace(Otlp.Protocol) && Otlp.Protocol.Trim().ToLowerInvariant() is not ("grpc" or "http/protobuf"))
        {
            yield return $"Telemetry:Otlp:Protocol (or {StandardProtocol}) must be grpc or http/protobuf, not \"{Otlp.Protocol}\".";
        }
        foreach (var entry in Prometheus.AllowedAddresses.Where(entry => !TryParseNetwork(entry, out _)))
        {
            yield return $"Telemetry:Prometheus:AllowedAddresses: \"{entry}\" is neither an IP address (10.0.0.9) nor a CIDR network (10.0.0.0/24).";
        }
    }

    /// <summary>An address stands for itself (/32, /128); a network must have no bits set past its prefix.</summary>
    private static bool TryParseNetwork(string? entry, out IPNetwork network)
    {
        network = default;
        var text = entry?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (text.Contains('/'))
        {
            return IPNetwork.TryParse(text, out network);
        }
        if (!IPAddress.TryParse(text, out var address))
        {
            return false;
        }
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    internal sealed class Validation : IValidateOptions<TelemetryOptions>
    {
        public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
