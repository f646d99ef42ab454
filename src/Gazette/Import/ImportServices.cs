namespace Gazette.Import;

public static class ImportServices
{
    /// <summary>The WordPress and Disqus importers (command line and /admin/import) and the old addresses they keep.</summary>
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddScoped<ImportedComments>();
        services.AddScoped<ImportAccounts>();
        services.AddScoped<ImportMedia>();
        services.AddScoped<WordPressImport>();
        services.AddScoped<DisqusImport>();
        services.AddScoped<JsonImport>();
        services.AddSingleton<ImportJobs>();
        return services;
    }
}
