using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gazette.Data;

/// <summary>
/// Each provider has its own migrations for the one <see cref="GazetteDb"/>, in its own folder and namespace
/// (Migrations/Sqlite, Migrations/Postgres). EF Core finds a context's migrations and model snapshot by context type
/// alone, which would mix the two sets; this gives it only those of the provider in use. Ids and history are EF's own,
/// so a database made before PostgreSQL support existed sees exactly the migrations it saw before.
/// </summary>
internal sealed class ProviderMigrations(ICurrentDbContext current, IMigrationsIdGenerator ids) : IMigrationsAssembly
{
    public const string SqliteNamespace = "Gazette.Data.Migrations.Sqlite";
    public const string PostgresNamespace = "Gazette.Data.Migrations.Postgres";

    private IReadOnlyDictionary<string, TypeInfo>? migrations;
    private ModelSnapshot? snapshot;
    private bool snapshotRead;

    public Assembly Assembly => typeof(GazetteDb).Assembly;

    private string Namespace => current.Context.Database.IsNpgsql() ? PostgresNamespace : SqliteNamespace;

    private IEnumerable<TypeInfo> OwnTypes => Assembly.DefinedTypes.Where(type =>
        type.Namespace == Namespace && !type.IsAbstract && type.GetCustomAttribute<DbContextAttribute>()?.ContextType == current.Context.GetType());

    public IReadOnlyDictionary<string, TypeInfo> Migrations => migrations ??= new SortedDictionary<string, TypeInfo>(
        OwnTypes.Where(type => type.IsSubclassOf(typeof(Migration)) && type.GetCustomAttribute<MigrationAttribute>() is not null)
            .ToDictionary(type => type.GetCustomAttribute<MigrationAttribute>()!.Id),
        StringComparer.Ordinal);

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!snapshotRead)
            {
                var type = OwnTypes.SingleOrDefault(type => type.IsSubclassOf(typeof(ModelSnapshot)));
                snapshot = type is null ? null : (ModelSnapshot)Activator.CreateInstance(type.AsType())!;
                snapshotRead = true;
            }
            return snapshot;
        }
    }

    public string? FindMigrationId(string nameOrId) => Migrations.Keys.FirstOrDefault(ids.IsValidId(nameOrId)
        ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
        : id => string.Equals(ids.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }
}
