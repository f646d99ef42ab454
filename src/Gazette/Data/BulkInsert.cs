using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Gazette.Data;

/// <summary>
/// Inserts many new rows of an entity whose keys the caller chose, written once from the model like
/// <see cref="SingleRowInsert{TEntity}"/>: every mapped column, the key included, each value as the model converts it.
/// On PostgreSQL a binary <c>COPY</c>; on SQLite one prepared statement run again with new values for each row
/// (<see cref="SqliteRowStatement"/>: SQLite has no round trip to save). For imports of a million rows: SaveChanges
/// tracked each row and sent it as a statement of its own, which cost several times the insert. The entities are not tracked; the caller's transaction holds them.
/// </summary>
public sealed class BulkInsert<TEntity> where TEntity : class
{
    private readonly IProperty[] properties;
    private readonly RelationalTypeMapping[] mappings;
    private readonly string table, columns;
    private readonly Lazy<string> insert;

    private BulkInsert(IEntityType entity)
    {
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        table = store.Name;
        properties = entity.GetProperties().Where(p => p.GetColumnName(store) is not null).ToArray();
        mappings = properties.Select(p => (RelationalTypeMapping)p.GetTypeMapping()).ToArray();
        columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(store)}\""));
        insert = new Lazy<string>(() =>
        {
            for (var i = 0; i < properties.Length; i++)
            {
                if (!SqliteRowStatement.Binds(mappings[i].Converter?.ProviderClrType ?? properties[i].ClrType))
                {
                    throw new NotSupportedException($"{entity.DisplayName()}.{properties[i].Name}: SqliteRowStatement binds no value of its type.");
                }
            }
            return $"INSERT INTO \"{table}\" ({columns}) VALUES ({string.Join(", ", properties.Select((_, column) => $"?{column + 1}"))})";
        });
    }

    private static readonly ConditionalWeakTable<IModel, BulkInsert<TEntity>> Built = [];

    /// <summary>The insert for this entity in the context's model (one per database provider), written on first use.</summary>
    public static BulkInsert<TEntity> For(DbContext db) =>
        Built.GetValue(db.Model, model => new BulkInsert<TEntity>(model.FindEntityType(typeof(TEntity))!));

    /// <summary>Inserts the rows in the context's current transaction and connection (both must be open).</summary>
    public async Task RunAsync(DbContext db, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection postgres)
        {
            await CopyAsync(postgres, rows, cancellationToken);
            return;
        }
        InsertEach((SqliteConnection)connection, rows, cancellationToken);
    }

    /// <summary>On the connection's open transaction (SQLite has one per connection), the statement prepared once.</summary>
    private void InsertEach(SqliteConnection connection, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
    {
        using var statement = new SqliteRowStatement(connection, insert.Value);
        foreach (var entity in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var column = 0; column < properties.Length; column++)
            {
                statement.Bind(column + 1, Value(entity, column));
            }
            statement.Run();
        }
    }

    private object? Value(TEntity entity, int column)
    {
        var value = properties[column].GetGetter().GetClrValue(entity);
        return value is null ? null : mappings[column].Converter?.ConvertToProvider(value) ?? value;
    }

    private async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var entity in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            for (var column = 0; column < properties.Length; column++)
            {
                if (Value(entity, column) is { } value)
                {
                    // The column's own type, as EF Core would send it (an enum as its number, a time as timestamptz).
                    await copy.WriteAsync(value, mappings[column].StoreTypeNameBase, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
            }
        }
        await copy.CompleteAsync(cancellationToken);
    }
}
