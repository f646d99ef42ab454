using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gazette.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build the model without starting the site: for SQLite by default, for PostgreSQL
/// with `-- --provider Postgres` (see README, "Schema changes"). Neither connects to a database.
/// </summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<GazetteDb>
{
    public GazetteDb CreateDbContext(string[] args)
    {
        var at = Array.FindIndex(args, arg => arg.Equals("--provider", StringComparison.OrdinalIgnoreCase));
        var provider = at >= 0 && at + 1 < args.Length ? Enum.Parse<DatabaseProvider>(args[at + 1], ignoreCase: true) : DatabaseProvider.Sqlite;
        var settings = provider == DatabaseProvider.Sqlite
            ? new DatabaseSettings(provider, "Data Source=design-time.db")
            : new DatabaseSettings(provider, "Host=localhost;Database=gazette_design_time");
        var options = new DbContextOptionsBuilder<GazetteDb>();
        settings.Configure(options);
        return new GazetteDb(options.Options);
    }
}
