namespace Gazette.Live;

public static class LiveServices
{
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddOptions<LiveDiscussionOptions>().BindConfiguration(LiveDiscussionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LiveStreams>();
        services.AddHostedService(provider => provider.GetRequiredService<LiveStreams>());
        services.AddHostedService<LiveEventCleaner>();
        services.AddScoped<LiveFeed>();
        return services;
    }
}
