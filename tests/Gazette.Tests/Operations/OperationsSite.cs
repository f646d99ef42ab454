using System.Data.Common;
using System.Net.Sockets;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Operations;

/// <summary>
/// An article open for comments, and a switch that makes the database unreachable: every connection the site opens
/// then fails as its provider fails when the server is down (Npgsql: connection refused) or the file cannot be opened
/// (SQLite). Requests may say which address they come from (<see cref="ClientIpHeader"/>), as the test server has none.
/// </summary>
public class OperationsSite : EmptyGazetteFactory
{
    public const string Story = "/articles/calm-story";
    public const string ClientIpHeader = ApiClient.ClientIpHeader;

    private readonly DatabaseSwitch database = new();

    public OperationsSite()
    {
        WithDbAsync(async db =>
        {
            db.Add(Article("Calm story", Now.UtcDateTime.AddDays(-1), Author("Ana Writer")));
            await db.SaveChangesAsync();
        }).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Empties the page cache, so that the next request for a page needs the database. Tests share this site, and a
    /// page one of them loaded would otherwise be served from the cache during another's outage.
    /// </summary>
    public Task ForgetCachedPagesAsync() =>
        Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(PageCache.Everything, CancellationToken.None).AsTask();

    /// <summary>While true, the site cannot reach its database (this process's own test connections neither).</summary>
    public bool DatabaseDown
    {
        get => database.Down;
        set => database.Down = value;
    }

    public FormClient Browser() => new(this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<GazetteDb>(options => options.AddInterceptors(database));
        });
    }

    private sealed class DatabaseSwitch : DbConnectionInterceptor
    {
        public volatile bool Down;

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            Down ? throw Unreachable(connection) : result;

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(
            DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            Down ? throw Unreachable(connection) : ValueTask.FromResult(result);

        private static Exception Unreachable(DbConnection connection) => connection is SqliteConnection
            ? new SqliteException("SQLite Error 14: 'unable to open database file'.", 14)
            : new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
    }
}
