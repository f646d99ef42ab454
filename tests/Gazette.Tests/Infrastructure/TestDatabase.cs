using System.Collections.Concurrent;
using System.Reflection;
using Gazette.Data;
using Npgsql;
using Xunit.v3;

[assembly: AssemblyFixture(typeof(Gazette.Tests.Infrastructure.TestDatabase.Cleanup))]
[assembly: Gazette.Tests.Infrastructure.TestDatabase.SkipWithoutServer]

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The database the tests run on. By default SQLite: each site's file in its data folder. With
/// <c>GAZETTE_TEST_DATABASE=Postgres</c>, a PostgreSQL server (<c>GAZETTE_TEST_POSTGRES</c>, by default
/// <c>Host=127.0.0.1;Username=gazette</c> with the password from PGPASSWORD or ~/.pgpass; the user needs CREATEDB):
/// each data folder gets a database of its own, <c>gazette_test_{guid}</c>, which Gazette creates when it starts and
/// the tests drop when done. Sites that share a data folder (a restart, the command line, then the site) so share
/// its database too, as they share the file on SQLite.
/// </summary>
public static class TestDatabase
{
    public const string ProviderVariable = "GAZETTE_TEST_DATABASE";
    public const string ServerVariable = "GAZETTE_TEST_POSTGRES";

    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>The server, with no database: each data folder's database is added to it.</summary>
    public static string Server { get; } =
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : "Host=127.0.0.1;Username=gazette";

    private static readonly ConcurrentDictionary<string, string> Databases = new();
    private static readonly Lazy<string?> Unreachable = new(FindWhyUnreachable);

    /// <summary>
    /// The configuration that gives the site on this data folder its database: nothing for SQLite (the file in the
    /// folder), Database:Provider and ConnectionStrings:Gazette for PostgreSQL. When PostgreSQL was asked for and cannot
    /// be reached, this fails under CI=true; elsewhere every test is skipped (<see cref="SkipWithoutServerAttribute"/>)
    /// and the class fixtures made meanwhile get SQLite.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> SettingsFor(string dataFolder)
    {
        if (!IsPostgres)
        {
            return [];
        }
        if (Unreachable.Value is { } why)
        {
            return Environment.GetEnvironmentVariable("CI") == "true"
                ? throw new InvalidOperationException($"{why} CI must run the PostgreSQL tests: .ci/run starts the server.")
                : [];
        }
        return PostgresSettingsFor(dataFolder);
    }

    /// <summary>SQLite whatever the run's database: for a test of what only SQLite does (its file in the data folder).</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> SqliteSettings { get; } =
    [
        new($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}", nameof(DatabaseProvider.Sqlite)),
        new($"ConnectionStrings:{DatabaseSettings.ConnectionStringName}", ""),
    ];

    /// <summary>
    /// PostgreSQL whatever the run's database, for a test of what only PostgreSQL does (several instances on one
    /// database): call <see cref="RequirePostgres"/> first.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> PostgresSettingsFor(string dataFolder) =>
    [
        new($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}", nameof(DatabaseProvider.Postgres)),
        new($"ConnectionStrings:{DatabaseSettings.ConnectionStringName}", ConnectionStringFor(dataFolder)),
    ];

    /// <summary>
    /// For a test that needs a PostgreSQL server in either run (CI provides one to both): without a reachable server it
    /// fails under CI=true, and elsewhere is skipped with one line saying how to enable it.
    /// </summary>
    public static void RequirePostgres()
    {
        if (Unreachable.Value is not { } why)
        {
            return;
        }
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"{why} CI must run the PostgreSQL tests: .ci/run starts the server.");
        }
        Assert.Skip($"Needs PostgreSQL: {why}");
    }

    /// <summary>Settings as command-line options, for Gazette run as a process.</summary>
    public static IEnumerable<string> AsArguments(IEnumerable<KeyValuePair<string, string?>> settings) =>
        settings.SelectMany(setting => new[] { $"--{setting.Key}", setting.Value ?? "" });

    /// <summary>The same settings as command-line options, for Gazette run as a process.</summary>
    public static IEnumerable<string> ArgumentsFor(string dataFolder) => AsArguments(SettingsFor(dataFolder));

    /// <summary>The connection string of this data folder's PostgreSQL database (which may not exist yet).</summary>
    public static string ConnectionStringFor(string dataFolder) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = DatabaseNameFor(dataFolder) }.ConnectionString;

    public static string DatabaseNameFor(string dataFolder) =>
        Databases.GetOrAdd(Path.GetFullPath(dataFolder), _ => $"gazette_test_{Guid.NewGuid():N}");

    /// <summary>
    /// Drops this data folder's PostgreSQL database, if it has one; connections still open are closed. One that cannot
    /// be dropped now is tried again at the end of the run; a database left behind is harmless, failing a test for it is not.
    /// </summary>
    public static async Task DropAsync(string dataFolder)
    {
        var folder = Path.GetFullPath(dataFolder);
        if (!Databases.TryGetValue(folder, out var name))
        {
            return;
        }
        try
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString));
            await using var connection = new NpgsqlConnection(AdministrationConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            Databases.TryRemove(folder, out _);
        }
        catch (NpgsqlException)
        {
            // Left in the list for the end of the run (Cleanup).
        }
    }

    /// <summary>
    /// Makes this data folder's database as a copy of another folder's (PostgreSQL's CREATE DATABASE … TEMPLATE), which
    /// nothing may be connected to meanwhile: <see cref="DemoSeed"/> keeps its seed so.
    /// </summary>
    public static void CopyDatabase(string fromFolder, string toFolder)
    {
        using var connection = new NpgsqlConnection(AdministrationConnectionString);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseNameFor(toFolder)}\" TEMPLATE \"{DatabaseNameFor(fromFolder)}\"", connection);
        create.ExecuteNonQuery();
    }

    /// <summary>
    /// A run on PostgreSQL without a server, outside CI, skips every test with one line saying how to enable them. It has
    /// to happen here, before each test: a skip from a class fixture's constructor would count as a failure.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class SkipWithoutServerAttribute : BeforeAfterTestAttribute
    {
        public override void Before(MethodInfo methodUnderTest, IXunitTest test)
        {
            if (IsPostgres && Environment.GetEnvironmentVariable("CI") != "true" && Unreachable.Value is { } why)
            {
                Assert.Skip(why);
            }
        }
    }

    private static string AdministrationConnectionString =>
        new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString;

    private static string? FindWhyUnreachable()
    {
        try
        {
            using var connection = new NpgsqlConnection(AdministrationConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            var server = new NpgsqlConnectionStringBuilder(Server);
            return $"PostgreSQL at {server.Host}:{server.Port} (user {server.Username}) cannot be reached ({e.Message.TrimEnd('.')}): start it, and set {ServerVariable} to its connection string, or leave {ProviderVariable} unset for SQLite.";
        }
    }

    /// <summary>At the end of the run, drops the databases of data folders that no test dropped itself.</summary>
    public sealed class Cleanup : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var folder in Databases.Keys.ToList())
            {
                await DropAsync(folder);
            }
        }
    }
}
