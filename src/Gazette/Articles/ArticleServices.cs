namespace Gazette.Articles;

public static class ArticleServices
{
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddScoped<ArticleDetails>();
        services.AddScoped<NewsOfTheWeek>();
        services.AddScoped<CategoryMenu>();
        services.AddScoped<ArchiveMonths>();
        return services;
    }
}
