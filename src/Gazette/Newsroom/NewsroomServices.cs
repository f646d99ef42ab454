namespace Gazette.Newsroom;

public static class NewsroomServices
{
    /// <summary>Writing, editing and publishing articles under /admin/articles, and the publisher of scheduled articles.</summary>
    public static IServiceCollection AddNewsroom(this IServiceCollection services)
    {
        services.AddOptions<NewsroomOptions>().BindConfiguration(NewsroomOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Staffers>();
        services.AddScoped<ArticleChecks>();
        services.AddScoped<ArticleWriter>();
        services.AddScoped<EditorChoices>();
        services.AddScoped<StoryPreviews>();
        services.AddScoped<EditorDrafts>();
        services.AddScoped<OldSlugs>();
        services.AddSingleton<KeptImages>();
        services.AddSingleton<SiteTime>();
        services.AddSingleton<ScheduledPublisher>();
        services.AddHostedService(provider => provider.GetRequiredService<ScheduledPublisher>());
        services.AddSingleton<TrashPurger>();
        services.AddHostedService(provider => provider.GetRequiredService<TrashPurger>());
        services.AddScoped<EditorPresences>();
        // One page answers both a new article and an existing one; one previews both. (AddRazorPages again is harmless;
        // a plain Configure<RazorPagesOptions> here did not reach the page conventions.)
        services.AddRazorPages(options =>
        {
            options.Conventions.AddPageRoute("/Newsroom/Editor", "admin/articles/new");
            options.Conventions.AddPageRoute("/Newsroom/Preview", "admin/articles/preview");
        });
        return services;
    }
}
