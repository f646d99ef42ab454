using Gazette.Demo;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Data;

public static class DataServices
{
    /// <summary>The database (SQLite in the data folder unless ConnectionStrings:Gazette says otherwise), its start-up and the keys kept beside it.</summary>
    public static IServiceCollection AddGazetteData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddDbContextPool<GazetteDb>((provider, options) =>
        {
            var connectionString = configuration.GetConnectionString("Gazette");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                connectionString = $"Data Source={Path.Combine(DataPath(provider), "gazette.db")}";
            }
            options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas());
        });
        services.AddSingleton<DatabaseStartup>();
        services.AddSingleton<DemoLoader>();
        services.AddSingleton<WriteGate>();

        // Keys in the data folder: cookies (sign-in, guest authorship) survive restarts; instances sharing the folder share them.
        services.AddDataProtection().SetApplicationName("Gazette");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider, ILoggerFactory>((keys, provider, logs) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(DataPath(provider), "keys")), logs));
        return services;
    }

    public static string DataPath(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath(provider.GetRequiredService<IWebHostEnvironment>().ContentRootPath);
}
