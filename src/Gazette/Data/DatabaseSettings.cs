using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gazette.Data;

/// <summary>
/// The database in use, read once from the configuration: its provider and connection string. This is where EF Core
/// is told which provider to use; the other provider-specific code sits beside it (<see cref="SqliteDatabase"/>,
/// <see cref="PostgresDatabase"/>, <see cref="WriteGate"/>, the migrations in Migrations/Sqlite and Migrations/Postgres)
/// and in Search/ (one implementation per provider). Everything else is written once, in LINQ, for both.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The name under ConnectionStrings: <c>ConnectionStrings:Gazette</c>.</summary>
    public const string ConnectionStringName = "Gazette";

    public static DatabaseSettings Read(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        DatabaseProvider? configured;
        try
        {
            configured = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        }
        catch (InvalidOperationException)
        {
            configured = null; // not a name the binder knows
        }
        if (configured is not { } provider || !Enum.IsDefined(provider))
        {
            throw new GazetteStartupException(
                $"Database:Provider is '{configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"]}': it must be Sqlite (the default) or Postgres.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (provider == DatabaseProvider.Sqlite)
        {
            return new(provider, string.IsNullOrWhiteSpace(connectionString)
                ? $"Data Source={Path.Combine(DataServices.DataPath(services), "gazette.db")}"
                : connectionString);
        }
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new GazetteStartupException(
                "Database:Provider is Postgres but ConnectionStrings:Gazette is not set: give it the server, for example ConnectionStrings__Gazette=\"Host=db.example.org;Database=gazette;Username=gazette;Password=…\".");
        }
        try
        {
            return new(provider, WithOutageTimeouts(connectionString));
        }
        catch (ArgumentException e)
        {
            throw new GazetteStartupException($"ConnectionStrings:Gazette is not a PostgreSQL connection string: {e.Message}", e);
        }
    }

    /// <summary>
    /// Seconds to open a PostgreSQL connection (or wait for a free one in the pool), unless the connection string says:
    /// Npgsql's own 15. A server that is down refuses at once, so this only bounds a server that does not answer; 5 s
    /// was tried and was too short for a cold pool opening dozens of connections at once on a busy machine (a burst of
    /// comments answered 503 with the server up).
    /// </summary>
    public const int PostgresConnectTimeout = 15;

    /// <summary>Seconds a PostgreSQL command may run, unless the connection string says (Npgsql's own default: 30).</summary>
    public const int PostgresCommandTimeout = 15;

    /// <summary>
    /// A server that is down or stuck is then told to the reader (a 503) within these bounds rather than after a long
    /// wait; values the connection string gives (<c>Timeout</c>, <c>Command Timeout</c>) are kept.
    /// </summary>
    internal static string WithOutageTimeouts(string connectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        // The builder's own string holds only the keys that were given, under their canonical names.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = server.ConnectionString };
        if (!given.ContainsKey(nameof(NpgsqlConnectionStringBuilder.Timeout)))
        {
            server.Timeout = PostgresConnectTimeout;
        }
        if (!given.ContainsKey("Command Timeout"))
        {
            server.CommandTimeout = PostgresCommandTimeout;
        }
        return server.ConnectionString;
    }

    /// <summary>Where the database is, for messages: the SQLite file, or the server and database without the password.</summary>
    public string Where => Provider == DatabaseProvider.Sqlite
        ? $"'{new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource}'"
        : ServerWhere(new NpgsqlConnectionStringBuilder(ConnectionString));

    private static string ServerWhere(NpgsqlConnectionStringBuilder server) =>
        $"'{server.Database ?? server.Username}' on {server.Host}:{server.Port} (user {server.Username})";

    /// <summary>Never the connection string: it may hold a password.</summary>
    public override string ToString() => $"{Provider} {Where}";

    /// <summary>Points EF Core at this database, with the migrations written for its provider.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                // A list in a query (ids.Contains(c.Id)) goes as one JSON parameter, not EF Core 10's one parameter per
                // item: Microsoft.Data.Sqlite binds each by name, a search through all of them, so a batch of a thousand
                // ids cost half a million string comparisons (an eighth of a large import's writing thread).
                options.UseSqlite(ConnectionString, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(new SqlitePragmas());
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString);
                break;
        }
        options.ReplaceService<IMigrationsAssembly, ProviderMigrations>();
        // Take without OrderBy is written only where any row will do (a screening probe asks whether one exists; a
        // page's budget counts rows up to a limit): EF's warning about it would fill the log at every post and page.
        options.ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
    }
}
