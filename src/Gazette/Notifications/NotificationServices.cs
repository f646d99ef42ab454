namespace Gazette.Notifications;

public static class NotificationServices
{
    /// <summary>Reader and staff notifications by mail, queued in the background (<see cref="NotificationService"/>).</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NotificationSignal>();
        services.AddSingleton<NotificationLinks>();
        services.AddSingleton<PublishedComments>();
        services.AddSingleton<FollowedDiscussions>();
        services.AddSingleton<Digests>();
        services.AddSingleton<StaffAlerts>();
        services.AddSingleton<NotificationService>();
        services.AddHostedService(provider => provider.GetRequiredService<NotificationService>());
        return services;
    }
}
