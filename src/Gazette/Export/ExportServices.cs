namespace Gazette.Export;

public static class ExportServices
{
    public static IServiceCollection AddExport(this IServiceCollection services) =>
        services.AddScoped<JsonExport>().AddScoped<WordPressExport>().AddScoped<SiteExport>();
}
