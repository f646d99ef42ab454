using Gazette.Data;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Gazette.Operations;

public static class OperationsServices
{
    /// <summary>Health endpoints, 503 for database outages and 507 for a full disk, the reverse proxies to believe, and the backup command's needs.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddHealth();
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DiskFullWatch>();
        services.ConfigureDbContext<GazetteDb>((provider, options) => options.AddInterceptors(provider.GetRequiredService<DiskFullWatch>()));
        services.AddExceptionHandler<DatabaseOutageHandler>();
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(options => options.IsValid,
                "ForwardedHeaders: KnownProxies must be IP addresses (10.0.0.5) and KnownNetworks CIDR networks (10.0.0.0/8).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            if (proxies.Value.IsValid)
            {
                proxies.Value.ApplyTo(forwarded);
            }
        });
        return services;
    }
}
