using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Gazette.Data;

/// <summary>
/// Inserts many new rows of an entity whose keys the caller chose, written once from the model like
/// <see cref="SingleRowInsert{TEntity}"/>: every mapped column, the key included, each value as the model converts it.
/// On PostgreSQL a binary <c>COPY</c>; on SQLite one prepared statement run again with new values for each row. For imports of a million rows: SaveChanges tracked each row and sent it as a statement of its own,
/// which cost several times the insert. The entities are not tracked; the caller's transaction holds them.
/// </summary>
public sealed class BulkInsert<TEntity> where TEntity : class
{
    /// <summary>
    /// Rows per SQLite statement. One: SQLite has no round trip to save, and Microsoft.Data.Sqlite binds each parameter
    /// by its name, a search through the statement's names: at 100 rows (2,500 names) binding took 85 % of the import.
    /// </summary>
    public const int RowsPerStatement = 1;

    private readonly IProperty[] properties;
    private readonly RelationalTypeMapping[] mappings;
    private readonly string table, columns;

    private BulkInsert(IEntityType entity)
    {
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        table = store.Name;
        properties = entity.GetProperties().Where(p => p.GetColumnName(store) is not null).ToArray();
        mappings = properties.Select(p => (RelationalTypeMapping)p.GetTypeMapping()).ToArray();
        columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(store)}\""));
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
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, rows.Count - start);
                if (count == RowsPerStatement)
                {
                    full ??= Command(connection, transaction, count);
                    await RunAsync(full, rows, start, count, cancellationToken);
                }
                else
                {
                    await using var rest = Command(connection, transaction, count);
                    await RunAsync(rest, rows, start, count, cancellationToken);
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, int rowCount)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = string.Join(", ", Enumerable.Range(0, rowCount).Select(row =>
            "(" + string.Join(", ", properties.Select((_, column) => $"@p{row * properties.Length + column}")) + ")"));
        command.CommandText = $"INSERT INTO \"{table}\" ({columns}) VALUES {values}";
        for (var row = 0; row < rowCount; row++)
        {
            for (var column = 0; column < properties.Length; column++)
            {
                // Named as the statement writes them, "@" included: Microsoft.Data.Sqlite looks a name up in the statement
                // as given, then with each prefix it knows (":", "@", "$") until one is found, each a search of every name.
                command.Parameters.Add(mappings[column].CreateParameter(command, $"@p{row * properties.Length + column}", null, properties[column].IsNullable));
            }
        }
        return command;
    }

    private async Task RunAsync(DbCommand command, IReadOnlyList<TEntity> rows, int start, int count, CancellationToken cancellationToken)
    {
        var parameters = command.Parameters;
        for (var row = 0; row < count; row++)
        {
            var entity = rows[start + row];
            for (var column = 0; column < properties.Length; column++)
            {
                parameters[row * properties.Length + column].Value = Value(entity, column) ?? DBNull.Value;
            }
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
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
