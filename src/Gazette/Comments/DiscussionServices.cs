using Gazette.Infrastructure;

namespace Gazette.Comments;

public static class DiscussionServices
{
    public static IServiceCollection AddDiscussion(this IServiceCollection services)
    {
        services.AddOptions<DiscussionOptions>().BindConfiguration(DiscussionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ThreadQuery>();
        services.AddScoped<CommentWriter>();
        services.AddSingleton<Readers>();
        services.AddSingleton<IpHasher>();
        services.AddAntiforgery(options => options.HeaderName = CommentsApi.AntiforgeryHeader);
        return services;
    }
}
