using System.Text.Json;
using Gazette.Data;
using Gazette.Scaling;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gazette.Operations;

/// <summary>
/// Health for load balancers and orchestrators (ASP.NET Core health checks):
/// <c>/health/live</c> says the process answers and checks nothing else (restart it when this fails);
/// <c>/health/ready</c> runs the checks tagged <see cref="Ready"/>: the database reachable, its migrations applied,
/// room on the disk (<see cref="DiskHealthCheck"/>), Redis when configured (send it traffic when this answers 200). Healthy and Degraded answer 200, Unhealthy 503, with a
/// small JSON body: <c>{"status":"Healthy","checks":[{"name":"database","status":"Healthy"}, …]}</c>. Never cached, never
/// rate limited, never counted as a read; no check says more than its status and a plain description.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>The tag of the checks that readiness runs.</summary>
    public const string Ready = "ready";

    public const string DatabaseCheck = "database";
    public const string MigrationsCheck = "migrations";

    /// <summary>Unhealthy, saying "disk full", while writes fail for lack of space or the data folder's disk is nearly full.</summary>
    public const string DiskCheck = "disk";

    /// <summary>
    /// The name Redis's check goes by, registered with <see cref="AddRedisReadiness{TCheck}"/> so that Redis down is
    /// Degraded (200: the site still serves, with its caches and limits per instance), never Unhealthy.
    /// </summary>
    public const string RedisCheck = "redis";

    /// <summary>The longest a check may take before it counts as failed: a balancer polls every few seconds.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<GazetteDb>(DatabaseCheck, HealthStatus.Unhealthy, [Ready])
            .AddCheck<MigrationsHealthCheck>(MigrationsCheck, HealthStatus.Unhealthy, [Ready], CheckTimeout)
            .AddCheck<DiskHealthCheck>(DiskCheck, HealthStatus.Unhealthy, [Ready], CheckTimeout)
            .AddRedisReadiness<RedisHealthCheck>();
        services.Configure<HealthCheckServiceOptions>(options =>
        {
            foreach (var check in options.Registrations)
            {
                check.Timeout = check.Timeout == Timeout.InfiniteTimeSpan ? CheckTimeout : check.Timeout;
            }
        });
        return services;
    }

    /// <summary>Redis in readiness: Degraded when it is configured and cannot be reached.</summary>
    public static IHealthChecksBuilder AddRedisReadiness<TCheck>(this IHealthChecksBuilder checks) where TCheck : class, IHealthCheck =>
        checks.AddCheck<TCheck>(RedisCheck, HealthStatus.Degraded, [Ready], CheckTimeout);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        Configure(app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }));
        Configure(app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync }));
        return app;
    }

    private static void Configure(IEndpointConventionBuilder endpoint) => endpoint
        .DisableRateLimiting()
        .CacheOutput(policy => policy.NoCache())
        .ExcludeFromDescription();

    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    /// <summary>The overall status and each check's; the health-checks middleware has set the status code and no-store.</summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body, Compact);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            // An exception's message may name hosts and ports: it goes to the log (by the health-check service), not here.
            if ((entry.Exception is not null ? "failed (see the log)" : entry.Description is { Length: > 0 } ? entry.Description : null) is { } description)
            {
                json.WriteString("description", description);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    /// <summary>Redis, when <c>Redis:Configuration</c> is set: connected, or Degraded (the site serves on without it).</summary>
    private sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!redis.IsConfigured)
            {
                return HealthCheckResult.Healthy("not configured");
            }
            // The first use makes the connection, which may take up to its connect timeout: off the request's thread.
            var connected = await Task.Run(() => redis.IsConnected, cancellationToken);
            return connected
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, "not connected: pages, limits and read counts are kept per instance until it is back");
        }
    }

    /// <summary>Unhealthy while the database lacks migrations this build has (say, an older backup restored underneath it).</summary>
    private sealed class MigrationsHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, $"{pending.Count} migration(s) not applied: restart an instance to apply them.");
        }
    }
}
