using Gazette.Administration;
using Microsoft.Extensions.Options;

namespace Gazette.Moderation.Screening;

public static class ScreeningServices
{
    /// <summary>
    /// The rules every comment is screened by when it is posted or edited. The spam check is <see cref="SpamScoring"/>
    /// unless the site registers another <see cref="ISpamCheck"/> after this call (the last registration wins).
    /// </summary>
    public static IServiceCollection AddModerationScreening(this IServiceCollection services)
    {
        services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Rules saved on /admin/moderation/rules apply to the next comment.
        services.AddSingleton<IOptions<ModerationOptions>, LiveOptions<ModerationOptions>>();
        services.AddSingleton<ScreeningWordLists>();
        services.AddSingleton<ISpamCheck, SpamScoring>();
        services.AddSingleton<FormTiming>();
        services.AddScoped<CommentScreening>();
        return services;
    }
}
