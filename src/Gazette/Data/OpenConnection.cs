using Microsoft.EntityFrameworkCore;

namespace Gazette.Data;

/// <summary>
/// Keeps a context's connection open across the queries of one operation. Left to itself, EF Core takes the connection
/// from the pool and gives it back around every query; a comment's post makes several, and the open and close cost
/// it as much as some of them.
/// </summary>
public sealed class OpenConnection : IAsyncDisposable
{
    private readonly GazetteDb db;

    private OpenConnection(GazetteDb db) => this.db = db;

    public static async Task<OpenConnection> OpenAsync(GazetteDb db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new OpenConnection(db);
    }

    public async ValueTask DisposeAsync() => await db.Database.CloseConnectionAsync();
}
