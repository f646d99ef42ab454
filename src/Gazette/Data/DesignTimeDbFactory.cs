using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gazette.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the site.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<GazetteDb>
{
    public GazetteDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GazetteDb>().UseSqlite("Data Source=design-time.db").Options);
}
