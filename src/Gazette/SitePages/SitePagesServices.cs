namespace Gazette.SitePages;

public static class SitePagesServices
{
    /// <summary>Standalone pages (/pages/{slug}), written by editors under /admin/pages and linked from the footer.</summary>
    public static IServiceCollection AddSitePages(this IServiceCollection services)
    {
        services.AddScoped<FooterLinks>();
        services.AddRazorPages(options => options.Conventions.AddPageRoute("/SitePages/PageEditor", "admin/pages/{id:int}"));
        return services;
    }
}
