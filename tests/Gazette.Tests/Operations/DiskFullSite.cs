using System.Data.Common;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Operations;

/// <summary>
/// The operations site (an article open for comments) whose database can be filled for real, so that the next write
/// that needs space fails as it does on a full disk, and freed again. On SQLite, <c>PRAGMA max_page_count</c> caps the
/// file at its size (SQLite then answers SQLITE_FULL, as for a full disk); the file is vacuumed first so that no free
/// page is left inside it. On PostgreSQL, the Comments table is moved to a tablespace on a small file system of its own
/// (<see cref="TablespaceVariable"/>; <c>tests/tools/postgres-small-tablespace.sh</c> makes one), which is filled up,
/// so that PostgreSQL answers 53100 disk_full; without that tablespace the test is skipped, saying so.
/// </summary>
public class DiskFullSite : OperationsSite
{
    public const string TablespaceVariable = "GAZETTE_TEST_POSTGRES_SMALL_TABLESPACE";

    private readonly PageCap cap = new();

    /// <summary>More than a disk page of text, which no page already in the database has room for.</summary>
    public static string LongText(string start)
    {
        var random = new Random(start.Length);
        var words = Enumerable.Range(0, 900).Select(_ => new string([.. Enumerable.Range(0, random.Next(3, 9)).Select(_ => (char)('a' + random.Next(26)))]));
        return $"{start} {string.Join(' ', words)}.";
    }

    /// <summary>The small tablespace, or a skip saying how to have one (the SQLite run needs none).</summary>
    public static void RequireRealDiskFull()
    {
        if (TestDatabase.IsPostgres && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TablespaceVariable)))
        {
            var how = $"Filling PostgreSQL's disk needs a tablespace on a small file system: run tests/tools/postgres-small-tablespace.sh as root and set {TablespaceVariable} to the name it prints.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail($"{how} CI must run the disk-full tests: .ci/run makes the tablespace.");
            }
            Assert.Skip(how);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<GazetteDb>(options => options.AddInterceptors(cap)));
    }

    /// <summary>Fills the database's storage: from now on a write that needs a new page fails for lack of space.</summary>
    public async Task FillAsync()
    {
        if (TestDatabase.IsPostgres)
        {
            await FillTablespaceAsync();
            return;
        }
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(DataFolder, "gazette.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var vacuum = new SqliteCommand("VACUUM", connection);
            await vacuum.ExecuteNonQueryAsync();
        }
        cap.Full = true;
    }

    /// <summary>Frees the space again.</summary>
    public async Task FreeAsync()
    {
        if (TestDatabase.IsPostgres)
        {
            await using var connection = await OpenPostgresAsync();
            await ExecuteAsync(connection, "DROP TABLE IF EXISTS gazette_filler");
            return;
        }
        cap.Full = false;
    }

    /// <summary>
    /// The Comments table on the small tablespace, then that tablespace filled: with a table of large rows, then with
    /// small comments (status Spam, shown nowhere) until not one more fits in the table's pages or on the file system.
    /// </summary>
    private async Task FillTablespaceAsync()
    {
        var tablespace = Environment.GetEnvironmentVariable(TablespaceVariable)!;
        string columns;
        await using (var connection = await OpenPostgresAsync())
        {
            await ExecuteAsync(connection, $"""ALTER TABLE "Comments" SET TABLESPACE "{tablespace}" """);
            await ExecuteAsync(connection, $"""
                CREATE TABLE IF NOT EXISTS gazette_filler (b text) TABLESPACE "{tablespace}";
                ALTER TABLE gazette_filler ALTER COLUMN b SET STORAGE EXTERNAL;
                """);
            await using var list = new NpgsqlCommand("""
                SELECT string_agg(quote_ident(column_name), ', ') FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'Comments' AND column_name <> 'Id' AND is_generated = 'NEVER'
                """, connection);
            columns = (string)(await list.ExecuteScalarAsync())!;
        }
        // The comment the Comments table is filled with copies of, made while there is room for it.
        var seed = await WithDbAsync(async db =>
        {
            var article = await db.Articles.FirstAsync(a => a.Slug == "calm-story");
            var comment = Comment(article, "Filler", "x", Now.UtcDateTime, status: CommentStatus.Spam);
            db.Comments.Add(comment);
            await db.SaveChangesAsync();
            return comment.Id;
        });
        // md5 text, kept uncompressed (EXTERNAL): 1 MB rows until the file system refuses one, then 32 kB rows.
        foreach (var md5s in new[] { 32_768, 1_024 })
        {
            await UntilFullAsync($"INSERT INTO gazette_filler SELECT string_agg(md5(random()::text), '') FROM generate_series(1, {md5s})");
        }
        // One row at a time: a statement that fails leaves nothing behind that could free room in a page later.
        await UntilFullAsync($"""INSERT INTO "Comments" ({columns}) SELECT {columns} FROM "Comments" WHERE "Id" = {seed}""");
    }

    /// <summary>Runs the insert until the file system refuses it (Npgsql then drops the connection, as for every lack of resources).</summary>
    private async Task UntilFullAsync(string insert)
    {
        await using var connection = await OpenPostgresAsync();
        for (var i = 0; i < 100_000; i++)
        {
            try
            {
                await ExecuteAsync(connection, insert);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DiskFull)
            {
                return;
            }
        }
        Assert.Fail($"The small tablespace never filled up: {insert}");
    }

    private async Task<NpgsqlConnection> OpenPostgresAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionStringFor(DataFolder)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>While full, every SQLite connection the site opens may not grow the file past its size.</summary>
    private sealed class PageCap : DbConnectionInterceptor
    {
        public volatile bool Full;

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private void Apply(DbConnection connection)
        {
            if (connection is not SqliteConnection)
            {
                return;
            }
            using var command = connection.CreateCommand();
            // A cap below the file's size is taken as the size itself; the other is SQLite's largest.
            command.CommandText = $"PRAGMA max_page_count = {(Full ? 1 : 4294967294)}";
            command.ExecuteNonQuery();
        }
    }
}
