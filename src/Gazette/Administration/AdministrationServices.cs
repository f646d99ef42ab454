using Gazette.Comments;
using Gazette.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gazette.Administration;

public static class AdministrationServices
{
    /// <summary>Users and roles, and site settings that an administrator changes while the site runs.</summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddSingleton<SiteSettingsStore>();
        // What the settings page changes is read afresh on each use (the settings are a reloading configuration source).
        services.AddSingleton<IOptions<SiteOptions>, LiveOptions<SiteOptions>>();
        services.AddSingleton<IOptions<DiscussionOptions>, LiveOptions<DiscussionOptions>>();
        return services;
    }
}
