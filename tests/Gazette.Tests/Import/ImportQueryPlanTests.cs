using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Gazette.Data;
using Gazette.Export;
using Gazette.Import;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Import;

/// <summary>
/// Issue 13: a site started once holds SQLite statistics gathered when it had a comment or two (PRAGMA optimize at every
/// start). An import into it looked up each batch's comments with "(Source = ? OR Source = ?) AND SourceId IN (…)",
/// which those statistics made a walk of the whole table: every batch read every comment imported before it, and a
/// million-comment file slowed from thousands of comments a second to hundreds. Every read of Comments the import makes
/// must find its rows through an index whatever the statistics say, and the import leaves statistics that know its rows.
/// </summary>
public sealed class ImportQueryPlanTests : IAsyncLifetime
{
    private readonly Site site = new();
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => site.DisposeAsync();

    private sealed class Site : ImportSite
    {
        public AllReads Reads => Services.GetRequiredService<AllReads>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<AllReads>();
                services.ConfigureDbContext<GazetteDb>((provider, options) => options.AddInterceptors(provider.GetRequiredService<AllReads>()));
            });
        }
    }

    /// <summary>A read of Comments: its SQL, its plan, the rows the table had then, and how many values it looked for.</summary>
    private sealed record Read(string Sql, IReadOnlyList<string> Plan, long Rows, int Sought);

    /// <summary>
    /// Every read of Comments the site makes, with its plan asked of SQLite on the same connection just before it runs:
    /// the plan under the statistics of that moment, which the import changes as it goes.
    /// </summary>
    private sealed class AllReads : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<Read> recorded = new();

        public IReadOnlyList<Read> Take()
        {
            var taken = new List<Read>();
            while (recorded.TryDequeue(out var read))
            {
                taken.Add(read);
            }
            return taken;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"Comments\"", StringComparison.Ordinal) && command.Connection is SqliteConnection connection)
            {
                await using var explain = connection.CreateCommand();
                explain.Transaction = (SqliteTransaction?)command.Transaction;
                explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
                foreach (SqliteParameter parameter in command.Parameters)
                {
                    explain.Parameters.Add(new SqliteParameter(parameter.ParameterName, parameter.Value) { SqliteType = parameter.SqliteType, Size = parameter.Size });
                }
                var plan = new List<string>();
                await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        plan.Add(reader.GetString(3));
                    }
                }
                explain.CommandText = "SELECT count(*) FROM \"Comments\"";
                explain.Parameters.Clear();
                var rows = (long)(await explain.ExecuteScalarAsync(cancellationToken))!;
                // A list parameter (EF Core sends it as a JSON array): how many values the read looks for.
                var sought = command.Parameters.Cast<SqliteParameter>().Select(p => p.Value is string json && json.StartsWith('[')
                    ? System.Text.Json.JsonDocument.Parse(json).RootElement.GetArrayLength() : 1).DefaultIfEmpty(1).Max();
                recorded.Enqueue(new Read(command.CommandText, plan, rows, sought));
            }
            return result;
        }
    }

    [Fact]
    public async Task AnImportFindsEveryCommentByAnIndexWhileTheTableOutgrowsItsStatisticsAndLeavesStatisticsThatKnowItsRows()
    {
        if (TestDatabase.IsPostgres)
        {
            // PostgreSQL gathers its statistics itself as tables grow (autovacuum); what SQLite's say is the question here.
            return;
        }
        // The demo site's thousands of comments, as Gazette's WordPress export writes them.
        var file = Path.Combine(site.DataFolder, "demo.xml");
        await using (var demo = new GazetteFactory())
        {
            var errors = new StringWriter();
            var console = Console.Error;
            Console.SetError(errors);
            try
            {
                Assert.True(await ExportCommand.RunAsync(demo.Services, ["export", "wordpress", "--to", file]) == 0, errors.ToString());
            }
            finally
            {
                Console.SetError(console);
            }
        }
        // The same site's first article alone, imported before: the import's start (PRAGMA optimize) gathers statistics
        // that say Comments holds a few rows, and the whole file then adds only what is new.
        var first = Path.Combine(site.DataFolder, "first.xml");
        var wxr = System.Xml.Linq.XDocument.Load(file);
        var items = wxr.Descendants("item").ToList();
        var kept = items.First(i => i.Elements().Any(e => e.Name.LocalName == "comment"));
        foreach (var item in items.Where(i => i != kept))
        {
            item.Remove();
        }
        wxr.Save(first);
        var (exit, _, _) = await site.ImportAsync("wordpress", first);
        Assert.Equal(0, exit);
        var before = await site.WithDbAsync(db => db.Comments.CountAsync(Cancel));
        site.Reads.Take();

        (exit, var report, var said) = await site.ImportAsync("wordpress", file);

        Assert.True(exit == 0, report + said);
        var comments = await site.WithDbAsync(db => db.Comments.CountAsync(Cancel));
        Assert.True(comments > before * 10, $"The demo's comments were imported ({before} → {comments}).");
        var reads = site.Reads.Take();
        Assert.Contains(reads, r => r.Sql.Contains("\"SourceId\" IN", StringComparison.Ordinal));
        Assert.Contains(reads, r => r.Sql.Contains("\"Id\" IN", StringComparison.Ordinal));
        // A walk of the table ("SCAN c", "SCAN c USING COVERING INDEX …") to find a few of its rows: a planner's fair
        // choice while the table is about as small as what is sought, a read of everything before it once it has grown.
        Assert.Contains(reads, r => r.Rows >= 10 * Math.Max(r.Sought, 20));
        var problems = reads.Where(r => r.Rows >= 4 * Math.Max(r.Sought, 20)).Where(r =>
        {
            var aliases = Regex.Matches(r.Sql, "FROM \"Comments\" AS \"?(\\w+)\"?").Select(m => m.Groups[1].Value).ToHashSet();
            return r.Plan.Any(line => Regex.Match(line.Trim(), @"^SCAN (\w+)") is { Success: true } scan && aliases.Contains(scan.Groups[1].Value));
        }).Select(r => $"{r.Sql}\n  ({r.Sought} sought among {r.Rows} rows) plan:\n    {string.Join("\n    ", r.Plan)}").Distinct().ToList();
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));

        var stat = await site.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT stat AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'Comments' AND idx = 'IX_Comments_CreatedAt'").SingleAsync(Cancel));
        Assert.True(long.Parse(stat.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) >= comments / 2,
            $"The statistics after the import say \"{stat}\" for {comments} comments.");
    }
}
