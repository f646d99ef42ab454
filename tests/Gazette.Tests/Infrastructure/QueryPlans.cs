using System.Collections.Concurrent;
using System.Data.Common;
using Gazette.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gazette.Tests.Infrastructure;

/// <summary>A statement the site ran, with its parameters as it sent them.</summary>
public sealed record RecordedCommand(string Sql, IReadOnlyList<DbParameter> Parameters);

/// <summary>
/// Records the reads the site makes while it answers a write (a request other than GET or HEAD), as EF Core sends them,
/// so that a test can ask the database how it runs exactly that SQL: tests follow the code, not a copy of its SQL.
/// Added to a test site's services with <see cref="AddTo"/>, then taken from them.
/// </summary>
public sealed class WriteRequestQueries(IHttpContextAccessor requests) : DbCommandInterceptor
{
    private readonly ConcurrentQueue<RecordedCommand> recorded = new();

    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton(provider => new WriteRequestQueries(provider.GetRequiredService<IHttpContextAccessor>()));
        services.ConfigureDbContext<GazetteDb>((provider, options) => options.AddInterceptors(provider.GetRequiredService<WriteRequestQueries>()));
    }

    /// <summary>Every read recorded so far, and forgets them.</summary>
    public IReadOnlyList<RecordedCommand> Take()
    {
        var taken = new List<RecordedCommand>();
        while (recorded.TryDequeue(out var command))
        {
            taken.Add(command);
        }
        return taken;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (requests.HttpContext?.Request.Method is not { } method || HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            return;
        }
        var parameters = command.Parameters.Cast<DbParameter>().Select(Copy).ToList();
        recorded.Enqueue(new RecordedCommand(command.CommandText, parameters));
    }

    private static DbParameter Copy(DbParameter parameter) => parameter switch
    {
        NpgsqlParameter npgsql => npgsql.Clone(),
        SqliteParameter sqlite => new SqliteParameter(sqlite.ParameterName, sqlite.Value) { SqliteType = sqlite.SqliteType, Size = sqlite.Size },
        _ => throw new NotSupportedException(parameter.GetType().Name),
    };
}

/// <summary>How the database runs a recorded statement: the lines of EXPLAIN QUERY PLAN (SQLite) or EXPLAIN (PostgreSQL).</summary>
public static class QueryPlans
{
    /// <summary>The condition (WHERE) of each partial index of a table, by index name: what every row it holds satisfies.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> PartialIndexesAsync(GazetteFactory site, string table)
    {
        await using var connection = await OpenAsync(site);
        await using var command = connection.CreateCommand();
        command.CommandText = TestDatabase.IsPostgres
            ? $"SELECT indexname, indexdef FROM pg_indexes WHERE tablename = '{table}'"
            : $"SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = '{table}' AND sql IS NOT NULL";
        var partial = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var definition = reader.GetString(1);
            var where = definition.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase);
            if (where >= 0)
            {
                partial[reader.GetString(0)] = definition[(where + 7)..];
            }
        }
        return partial;
    }

    public static async Task<IReadOnlyList<string>> ExplainAsync(GazetteFactory site, RecordedCommand command)
    {
        await using var connection = await OpenAsync(site);
        await using var explain = connection.CreateCommand();
        explain.CommandText = (TestDatabase.IsPostgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.Sql;
        foreach (var parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter switch
            {
                NpgsqlParameter npgsql => npgsql.Clone(),
                SqliteParameter sqlite => new SqliteParameter(sqlite.ParameterName, sqlite.Value) { SqliteType = sqlite.SqliteType, Size = sqlite.Size },
                _ => throw new NotSupportedException(parameter.GetType().Name),
            });
        }
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            // SQLite: id, parent, notused, detail; PostgreSQL: one column, one line of the plan.
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }
        return lines;
    }

    private static async Task<DbConnection> OpenAsync(GazetteFactory site)
    {
        DbConnection connection = TestDatabase.IsPostgres
            ? new NpgsqlConnection(TestDatabase.ConnectionStringFor(site.DataFolder))
            : new SqliteConnection($"Data Source={Path.Combine(site.DataFolder, "gazette.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
