using Gazette.Administration;
using Microsoft.Extensions.Options;

namespace Gazette.Moderation;

public static class QueueServices
{
    /// <summary>What moderators and readers do after a comment is written: the queue, decisions, flags, bans, appeals, the log.</summary>
    public static IServiceCollection AddModerationQueue(this IServiceCollection services)
    {
        services.AddOptions<FlagOptions>().BindConfiguration(FlagOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Saved on the site, a setting applies from the next request (see LiveOptions).
        services.AddSingleton<IOptions<FlagOptions>, LiveOptions<FlagOptions>>();
        services.AddScoped<CommentStatusChanges>();
        services.AddScoped<ModerationQueue>();
        services.AddScoped<Flagging>();
        services.AddScoped<Banning>();
        services.AddScoped<Appealing>();
        services.AddScoped<CommentPicks>();
        return services;
    }
}
