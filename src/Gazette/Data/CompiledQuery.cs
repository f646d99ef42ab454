using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Gazette.Data;

/// <summary>
/// A query compiled once for each model it runs against. EF Core ties a compiled query to the first model it ran with
/// and refuses any other, and a process that opens both databases (the tests; a move from SQLite to PostgreSQL) holds a
/// model for each.
/// </summary>
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> byModel = new();

    public TQuery For(GazetteDb db) => byModel.GetValue(db.Model, _ => compile());
}
