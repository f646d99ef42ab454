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
            return db.Database.IsNpgsql() ? new PostgresArticleSearch(db) : new SqliteArticleSearch(db);
        });
        return services;
    }
}
