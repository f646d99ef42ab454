using System.Net;

namespace Gazette.Operations.Telemetry;

/// <summary>
/// <c>/metrics</c>, Prometheus's text format, when <c>Telemetry:Prometheus:Enabled</c>: 403 to any address not in
/// <c>Telemetry:Prometheus:AllowedAddresses</c> (this machine by default). Off, the path is not mapped and answers 404
/// like any unknown address. Never cached, never rate limited, never counted as a read (only article pages are).
/// </summary>
public static class MetricsEndpoint
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var setup = app.ServiceProvider.GetRequiredService<TelemetrySetup>();
        if (!setup.Prometheus)
        {
            return app;
        }
        var allowed = setup.AllowedNetworks;
        app.MapPrometheusScrapingEndpoint(TelemetryOptions.PrometheusSettings.Path, meterProvider: null,
                configureBranchedPipeline: scrape => scrape.Use((context, next) =>
                {
                    if (!IsAllowed(context.Connection.RemoteIpAddress, allowed))
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    }
                    return next(context);
                }),
                optionsName: null)
            .DisableRateLimiting()
            .CacheOutput(policy => policy.NoCache())
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>No address (a Unix socket) is refused: whoever is behind it is unknown.</summary>
    public static bool IsAllowed(IPAddress? address, IReadOnlyList<IPNetwork> allowed)
    {
        if (address is null)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        foreach (var network in allowed)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }
}
