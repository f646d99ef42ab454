using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gazette.Data;

/// <summary>
/// Inserts one new row of an entity in one statement, written once from the model: every mapped column but the key the
/// database generates, each value as the model converts it, RETURNING that key. SQL both databases read alike. For a
/// write made often and alone (a comment): SaveChanges would track the entity, build a command for the one row and set a
/// savepoint in the transaction, and cost the post more than the insert itself. The entity is not tracked afterwards.
/// An entity split over tables gets a row in each, in the same transaction.
/// </summary>
public sealed class SingleRowInsert<TEntity> where TEntity : class
{
    private readonly IProperty key;
    private readonly Part main;
    private readonly Part[] split;

    /// <summary>One table's INSERT: the columns it takes, and their parameters' names.</summary>
    private sealed record Part(string Sql, IProperty[] Properties, string[] Names);

    private SingleRowInsert(IEntityType entity)
    {
        key = entity.FindPrimaryKey()!.Properties.Single();
        main = PartFor(StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()), returnsKey: true);
        // An entity split over several tables (the outbox's mails and their bodies): a row in each, the others under the main row's key.
        split = entity.GetMappingFragments(StoreObjectType.Table).Select(fragment => PartFor(fragment.StoreObject, returnsKey: false)).ToArray();

        Part PartFor(StoreObjectIdentifier table, bool returnsKey)
        {
            var properties = entity.GetProperties().Where(p => p != key && p.GetColumnName(table) is not null).ToArray();
            if (!returnsKey)
            {
                properties = [key, .. properties];
            }
            var columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""));
            // Named with their prefix: Microsoft.Data.Sqlite looks a bare name up under each prefix it knows, at every post.
            var names = properties.Select((_, i) => $"@p{i}").ToArray();
            var values = string.Join(", ", names);
            var sql = $"INSERT INTO \"{table.Name}\" ({columns}) VALUES ({values})";
            return new Part(returnsKey ? $"{sql} RETURNING \"{key.GetColumnName(table)}\"" : sql, properties, names);
        }
    }

    private static readonly ConditionalWeakTable<IModel, SingleRowInsert<TEntity>> Built = [];

    /// <summary>The insert for this entity in the context's model (one per database provider), written on first use.</summary>
    public static SingleRowInsert<TEntity> For(DbContext db) =>
        Built.GetValue(db.Model, model => new SingleRowInsert<TEntity>(model.FindEntityType(typeof(TEntity))!));

    /// <summary>Inserts the row in the context's current transaction and connection, and sets the entity's key.</summary>
    /// <remarks>
    /// A command of the connection's own, not EF Core's SqlQueryRaw: that went through the query pipeline at every post
    /// (its command cache cannot keep a query with parameters given as objects) and compiled a new shaper each time. A
    /// failure still reaches the exception handlers, and the commit that follows reaches EF Core's interceptors.
    /// </remarks>
    public Task RunAsync(DbContext db, TEntity entity, CancellationToken cancellationToken) => RunManyAsync(db, [entity], cancellationToken);

    /// <summary>
    /// Inserts each row as <see cref="RunAsync"/> does, by one command whose statement the driver prepares once: for the
    /// many rows of a batch written while SQLite's one writer waits (a batch of notification mails), where SaveChanges
    /// spent more of the writer's time on its own machinery than on the rows. The entities are not tracked.
    /// </summary>
    public async Task RunManyAsync(DbContext db, IReadOnlyCollection<TEntity> entities, CancellationToken cancellationToken)
    {
        if (entities.Count == 0)
        {
            return;
        }
        await using var first = Command(db, main);
        // Most entities have one table: no array made at every post for them.
        System.Data.Common.DbCommand[] others = split.Length == 0 ? [] : new System.Data.Common.DbCommand[split.Length];
        try
        {
            for (var i = 0; i < split.Length; i++)
            {
                others[i] = Command(db, split[i]);
            }
            foreach (var entity in entities)
            {
                Bind(first, main, entity);
                var id = await first.ExecuteScalarAsync(cancellationToken);
                key.PropertyInfo!.SetValue(entity, Convert.ChangeType(id, key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
                for (var i = 0; i < split.Length; i++)
                {
                    Bind(others[i], split[i], entity);
                    await others[i].ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }
        finally
        {
            foreach (var command in others)
            {
                if (command is not null)
                {
                    await command.DisposeAsync();
                }
            }
        }
    }

    private static System.Data.Common.DbCommand Command(DbContext db, Part part)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = part.Sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static void Bind(System.Data.Common.DbCommand command, Part part, TEntity entity)
    {
        command.Parameters.Clear();
        for (var i = 0; i < part.Properties.Length; i++)
        {
            var property = part.Properties[i];
            var mapping = (RelationalTypeMapping)property.GetTypeMapping();
            var value = property.GetGetter().GetClrValue(entity);
            command.Parameters.Add(mapping.CreateParameter(command, part.Names[i],
                value is null ? null : mapping.Converter?.ConvertToProvider(value) ?? value, property.IsNullable));
        }
    }
}
