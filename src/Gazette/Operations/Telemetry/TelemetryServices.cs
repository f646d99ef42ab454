using Gazette.Infrastructure;
using Gazette.Scaling;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gazette.Operations.Telemetry;

/// <summary>
/// Metrics and traces from the standard OpenTelemetry instrumentations (ASP.NET Core, HttpClient, EF Core, Npgsql,
/// StackExchange.Redis, the .NET runtime) and Gazette's own meter, exported over OTLP when an endpoint is configured
/// and offered to Prometheus at <c>/metrics</c> when that is enabled. With neither, nothing is registered at all.
/// </summary>
public static class TelemetryServices
{
    /// <summary>
    /// Reads the settings now, from the configuration as it stands while services are registered (appsettings, the
    /// environment, the command line): whether OpenTelemetry runs at all must be known before the host is built.
    /// The same settings are validated again at start, from the final configuration.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Configure<IConfiguration>((options, final) => options.Bind(final)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptions.Validation>();

        var settings = TelemetryOptions.Read(configuration);
        var setup = new TelemetrySetup(settings.Problems().Any() ? null : settings);
        services.AddSingleton(setup);
        if (!setup.IsOn)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName!,
                serviceVersion: typeof(TelemetryServices).Assembly.GetName().Version?.ToString(3)))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(GazetteMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter("Microsoft.EntityFrameworkCore");
                if (setup.Prometheus)
                {
                    // Every scrape collects afresh: the endpoint answers a few allowed scrapers, not the public.
                    metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                }
            });
        if (setup.Otlp)
        {
            // Traces only go somewhere over OTLP: Prometheus takes metrics alone.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsMonitoring(context.Request.Path))
                .AddHttpClientInstrumentation()
                // Npgsql traces its own commands, with more detail: EF Core's span for the same command would double it.
                .AddEntityFrameworkCoreInstrumentation(efCore => efCore.Filter = (_, command) => command is not NpgsqlCommand)
                .AddNpgsql()
                .AddRedisInstrumentation()
                // The instrumentation needs the connection itself: with tracing on, Redis is connected as the site starts
                // (as the instance-message listener does anyway), not at its first use.
                .ConfigureRedisInstrumentation((provider, redis) =>
                {
                    if (provider.GetRequiredService<RedisConnection>() is { IsConfigured: true } connection)
                    {
                        redis.AddConnection(connection.Multiplexer);
                    }
                }));
            // Traces, metrics and logs, to the collector's base address (signal paths added for http/protobuf).
            telemetry.UseOtlpExporter(settings.Otlp.ExportProtocol, settings.Otlp.EndpointUri);
        }
        return services;
    }

    /// <summary>Scrapes and health probes arrive every few seconds: as traces they would bury the readers' requests.</summary>
    private static bool IsMonitoring(PathString path) =>
        path.StartsWithSegments(TelemetryOptions.PrometheusSettings.Path) || path.StartsWithSegments("/health");
}

/// <summary>What <see cref="TelemetryServices.AddTelemetry"/> turned on, for the endpoint mapping after the host is built.</summary>
public sealed class TelemetrySetup(TelemetryOptions? settings)
{
    /// <summary>Pushing over OTLP.</summary>
    public bool Otlp { get; } = settings?.Otlp.IsOn == true;

    /// <summary>Serving <c>/metrics</c>.</summary>
    public bool Prometheus { get; } = settings?.Prometheus.Enabled == true;

    public bool IsOn => Otlp || Prometheus;

    public IReadOnlyList<System.Net.IPNetwork> AllowedNetworks { get; } = settings?.Prometheus.AllowedNetworks ?? [];
}
