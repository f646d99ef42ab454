using Gazette.Administration;
using Microsoft.Extensions.Options;

namespace Gazette.Privacy;

public static class PrivacyServices
{
    /// <summary>IP-hash retention, the key IP addresses are hashed with, and readers' export and deletion of their data.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations()
            .Validate(options => string.IsNullOrEmpty(options.IpHashKey) || options.IpHashKey.Length >= PrivacyOptions.MinimumKeyLength,
                $"Privacy:IpHashKey must be at least {PrivacyOptions.MinimumKeyLength} characters long (or empty, for a key generated into the data folder).")
            .ValidateOnStart();
        // The deletion mode and the retention are site settings (/admin/privacy): read afresh on each use.
        services.AddSingleton<IOptions<PrivacyOptions>, LiveOptions<PrivacyOptions>>();
        services.AddSingleton<IpRetentionJob>();
        services.AddHostedService(provider => provider.GetRequiredService<IpRetentionJob>());
        services.AddScoped<PersonalData>();
        services.AddScoped<AccountDeletion>();
        return services;
    }
}
