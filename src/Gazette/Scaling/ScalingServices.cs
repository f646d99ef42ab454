using Gazette.Articles;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gazette.Scaling;

public static class ScalingServices
{
    /// <summary>
    /// Several instances of one site: with <c>Redis:Configuration</c> set, what must be shared goes through Redis (the
    /// page cache, changes kept in memory, settings, data-protection keys, rate limits, read counts, the IP-hash key);
    /// without it everything stays in this instance, and a site that looks like several instances is warned at start.
    /// Whether Redis is configured is read when the site is built, so every choice here is made then, not now.
    /// </summary>
    public static IServiceCollection AddScaling(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations()
            .Validate(options => Parses(options.Configuration), "Redis:Configuration is not a StackExchange.Redis configuration string (such as 127.0.0.1:6379).")
            .ValidateOnStart();
        services.AddOptions<ScalingOptions>().BindConfiguration(ScalingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<InstanceMessages>();
        services.AddHostedService<InstanceMessageListener>();
        services.AddHostedService<SharingReport>();

        // The page cache: Redis's output-cache store (behind TolerantPageStore), else the memory store AddOutputCache registered.
        services.AddOutputCache();
        var memoryStore = services.Last(service => service.ServiceType == typeof(IOutputCacheStore) && !service.IsKeyedService);
        services.Remove(memoryStore);
        services.Add(ServiceDescriptor.KeyedSingleton(typeof(IOutputCacheStore), "memory", (provider, _) => Create(provider, memoryStore)));
        // Its store is internal: registered by the package, then moved under a key (the container picks its constructor).
        services.AddStackExchangeRedisOutputCache(_ => { });
        var redisStore = services.Last(service => service.ServiceType == typeof(IOutputCacheStore) && !service.IsKeyedService);
        services.Remove(redisStore);
        services.Add(ServiceDescriptor.KeyedSingleton(typeof(IOutputCacheStore), "redis", redisStore.ImplementationType!));
        services.AddOptions<RedisOutputCacheOptions>().Configure<RedisConnection>((options, redis) =>
        {
            options.InstanceName = redis.Prefix + "pages:";
            options.ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer);
        });
        // Either way, an eviction also lets go of the page cache's fast lane on this instance (PageCacheEviction).
        services.AddSingleton(provider => PageCacheEviction.Around(provider.GetRequiredService<RedisConnection>() is { IsConfigured: true } redis
            ? new TolerantPageStore(provider.GetRequiredKeyedService<IOutputCacheStore>("redis"), redis)
            : provider.GetRequiredKeyedService<IOutputCacheStore>("memory"), provider.GetRequiredService<FastPages>()));

        // Data-protection keys: in Redis and the data folder (SharedKeyRepository), else the data folder alone (DataServices).
        services.AddOptions<KeyManagementOptions>().PostConfigure<RedisConnection, IServiceProvider, ILoggerFactory>((keys, redis, provider, logs) =>
        {
            if (redis.IsConfigured)
            {
                keys.XmlRepository = new SharedKeyRepository(
                    new RedisXmlRepository(() => redis.Database, redis.Key("data-protection-keys")),
                    new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(DataServices.DataPath(provider), "keys")), logs),
                    redis);
            }
        });

        // Read counts: one Redis hash for every instance, else this instance's memory (ReadCounting).
        var memoryReads = services.LastOrDefault(service => service.ServiceType == typeof(IReadCountStore))
            ?? throw new InvalidOperationException("Program.cs must call AddScaling after AddReadCounting.");
        services.Remove(memoryReads);
        services.AddSingleton<IReadCountStore>(provider => provider.GetRequiredService<RedisConnection>() is { IsConfigured: true } redis
            ? new RedisReadCountStore(redis)
            : (IReadCountStore)Create(provider, memoryReads));
        return services;
    }

    private static object Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);

    private static bool Parses(string? configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            return true;
        }
        try
        {
            return ConfigurationOptions.Parse(configuration).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
