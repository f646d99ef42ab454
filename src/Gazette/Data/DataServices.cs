using Gazette.Demo;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Gazette.Data;

public static class DataServices
{
    /// <summary>
    /// The database (Database:Provider, SQLite in the data folder unless ConnectionStrings:Gazette says otherwise), its
    /// start-up and the keys kept in the data folder.
    /// </summary>
    public static IServiceCollection AddGazetteData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        // Read when first needed, not here: the configuration is complete only once the host is built.
        services.AddSingleton(DatabaseSettings.Read);
        services.AddDbContextPool<GazetteDb>((provider, options) => provider.GetRequiredService<DatabaseSettings>().Configure(options));
        services.AddSingleton<DatabaseStartup>();
        services.AddSingleton<DemoLoader>();
        services.AddScoped<DemoRemoval>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<SqliteStatistics>();
        services.AddHostedService(provider => provider.GetRequiredService<SqliteStatistics>());

        // Keys in the data folder: cookies (sign-in, guest authorship) survive restarts; instances sharing the folder share them.
        services.AddDataProtection().SetApplicationName("Gazette");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider, ILoggerFactory>((keys, provider, logs) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(DataPath(provider), "keys")), logs));
        return services;
    }

    public static string DataPath(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath(provider.GetRequiredService<IWebHostEnvironment>().ContentRootPath);
}
