using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Search;

public static class SearchServices
{
    /// <summary>Article search, implemented for the database provider in use.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddScoped<IArticleSearch>(provider =>
        {
            var db = provider.GetRequiredService<GazetteDb>();
            return db.Database.IsSqlite()
                ? new SqliteArticleSearch(db)
                : throw new NotSupportedException($"Search has no implementation for the database provider {db.Database.ProviderName}.");
        });
        return services;
    }
}
