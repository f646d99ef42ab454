using System.Net;
using System.Text.RegularExpressions;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Comments;

/// <summary>
/// Issue 11: on a database of realistic size, once the statistics were gathered (<c>PRAGMA optimize</c> at every start),
/// posting a comment walked the status index for the first-comment check, the creation-date index for the duplicate
/// check, and read every recent comment of its writer. These tests make real posts (guests with and without an e-mail,
/// a reply, a member, a duplicate, an edit) on an imported archive, take the SQL of every read the site made for them
/// from EF Core as it ran, and ask the database for its plan: every read of <c>Comments</c> is a probe by primary key or
/// by one of the writer's identities (account, guest cookie, e-mail), and stops at its first row.
/// </summary>
/// <remarks>
/// The archive is 200,000 imported comments (an e-mail each, from 40,000 readers, no guest cookie, no account), then
/// 20,000 from 5,000 guests (half with an e-mail) and 200 members, as a site that imported its past and then opened.
/// Not a million rows, to stay within CI's time: a smaller table is the harder case, since a walk of the table costs
/// less beside a probe the fewer rows it has, while what a probe finds (a writer's own comments) does not grow with the
/// site. Statistics are gathered twice: on the archive alone (what a start after the import leaves, and what a
/// PRAGMA optimize keeps until the table has grown a lot), then on everything.
/// </remarks>
public sealed class PostingQueryPlanTests(PostingQueryPlanTests.Site site) : IClassFixture<PostingQueryPlanTests.Site>
{
    private const string Article = "corvex-nova-7-review";
    private const int ArchiveComments = 200_000;
    private const int WritersComments = 20_000;

    public sealed class Site : GazetteFactory, IAsyncLifetime
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Moderation:HoldFirstComment", "true")];

        public WriteRequestQueries Reads => Services.GetRequiredService<WriteRequestQueries>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(WriteRequestQueries.AddTo);
        }

        /// <summary>The archive, its statistics, then the writers' comments, which those statistics do not know.</summary>
        public async ValueTask InitializeAsync()
        {
            // By the site's own database: without a PostgreSQL server a run asking for one skips its tests, on SQLite.
            var postgres = await WithDbAsync(db => Task.FromResult(db.Database.IsNpgsql()));
            await RunAsync(postgres ? PostgresArchive : SqliteArchive);
            await GatherStatisticsAsync();
            await RunAsync(postgres ? PostgresWriters : SqliteWriters);
        }

        public async Task GatherStatisticsAsync()
        {
            await RunAsync("ANALYZE;");
            // Each SQLite connection reads the statistics when it opens: the site's pooled ones would keep the old ones.
            SqliteConnection.ClearAllPools();
        }

        private Task RunAsync(string sql) => WithDbAsync(async db =>
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            await db.Database.ExecuteSqlRawAsync(sql);
        });

        private static readonly string SqliteArchive = $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199)
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "CreatedAt", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            SELECT 'member-' || i, 'Member ' || i, '2025-01-01 00:00:00', 1, 0, 0, 1, 0 FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {ArchiveComments}),
                a AS (SELECT min("Id") AS first, max("Id") - min("Id") + 1 AS span FROM "Articles")
            INSERT INTO "Comments" ("ArticleId", "Depth", "AuthorName", "AuthorEmail", "Body", "BodyHtml", "Status", "CreatedAt",
                "Upvotes", "Downvotes", "Rank", "SourceId", "SpamScore")
            SELECT first + i % span, 0, 'Reader ' || (i % 40000), 'Reader' || (i % 40000) || '@Example.com', 'Comment ' || i, '<p>Comment ' || i || '</p>',
                CASE WHEN i * 13 % 100 < 95 THEN 0 WHEN i * 13 % 100 < 98 THEN 2 ELSE 3 END,
                strftime('%Y-%m-%d %H:%M:%f', '2026-01-01 00:00:00', '-' || (({ArchiveComments} - i) * 600) || ' seconds'), 0, 0, 0, 'wp-' || i, 0
            FROM n, a;
            """;

        private static readonly string SqliteWriters = $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {WritersComments}),
                a AS (SELECT min("Id") AS first, max("Id") - min("Id") + 1 AS span FROM "Articles")
            INSERT INTO "Comments" ("ArticleId", "Depth", "AuthorName", "AuthorEmail", "Body", "BodyHtml", "Status", "CreatedAt",
                "Upvotes", "Downvotes", "UserId", "GuestKeyHash", "IpHash", "Rank", "SpamScore", "WriterFingerprint", "EmailFingerprint")
            SELECT first + i % span, 0, 'Writer ' || i,
                CASE WHEN i % 5 <> 0 AND i * 7919 % 5000 % 2 = 0 THEN 'guest' || (i * 7919 % 5000) || '@example.org' END,
                'Comment ' || i, '<p>Comment ' || i || '</p>',
                CASE WHEN i * 13 % 100 < 85 THEN 0 WHEN i * 13 % 100 < 92 THEN 1 WHEN i * 13 % 100 < 97 THEN 2 ELSE 4 END,
                strftime('%Y-%m-%d %H:%M:%f', '2026-03-10 12:00:00', '-' || (({WritersComments} - i) * 60) || ' seconds'), 0, 0,
                CASE WHEN i % 5 = 0 THEN 'member-' || (i % 200) END,
                CASE WHEN i % 5 <> 0 THEN printf('%064x', i * 7919 % 5000) END,
                printf('%064x', i % 3000), 0, 0, i, CASE WHEN i % 5 <> 0 AND i * 7919 % 5000 % 2 = 0 THEN -i END
            FROM n, a;
            """;

        private static readonly string PostgresArchive = $"""
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "CreatedAt", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            SELECT 'member-' || i, 'Member ' || i, TIMESTAMPTZ '2025-01-01 00:00:00+00', true, false, false, true, 0 FROM generate_series(0, 199) AS i;
            INSERT INTO "Comments" ("ArticleId", "Depth", "AuthorName", "AuthorEmail", "Body", "BodyHtml", "Status", "CreatedAt",
                "Upvotes", "Downvotes", "Rank", "SourceId", "SpamScore")
            SELECT first + i % span, 0, 'Reader ' || (i % 40000), 'Reader' || (i % 40000) || '@Example.com', 'Comment ' || i, '<p>Comment ' || i || '</p>',
                CASE WHEN i * 13 % 100 < 95 THEN 0 WHEN i * 13 % 100 < 98 THEN 2 ELSE 3 END,
                TIMESTAMPTZ '2026-01-01 00:00:00+00' - make_interval(secs => ({ArchiveComments} - i) * 600), 0, 0, 0, 'wp-' || i, 0
            FROM generate_series(1, {ArchiveComments}) AS i,
                (SELECT min("Id") AS first, max("Id") - min("Id") + 1 AS span FROM "Articles") AS a;
            """;

        private static readonly string PostgresWriters = $"""
            INSERT INTO "Comments" ("ArticleId", "Depth", "AuthorName", "AuthorEmail", "Body", "BodyHtml", "Status", "CreatedAt",
                "Upvotes", "Downvotes", "UserId", "GuestKeyHash", "IpHash", "Rank", "SpamScore", "WriterFingerprint", "EmailFingerprint")
            SELECT first + i % span, 0, 'Writer ' || i,
                CASE WHEN i % 5 <> 0 AND i * 7919 % 5000 % 2 = 0 THEN 'guest' || (i * 7919 % 5000) || '@example.org' END,
                'Comment ' || i, '<p>Comment ' || i || '</p>',
                CASE WHEN i * 13 % 100 < 85 THEN 0 WHEN i * 13 % 100 < 92 THEN 1 WHEN i * 13 % 100 < 97 THEN 2 ELSE 4 END,
                TIMESTAMPTZ '2026-03-10 12:00:00+00' - make_interval(secs => ({WritersComments} - i) * 60), 0, 0,
                CASE WHEN i % 5 = 0 THEN 'member-' || (i % 200) END,
                CASE WHEN i % 5 <> 0 THEN lpad(to_hex(i * 7919 % 5000), 64, '0') END,
                lpad(to_hex(i % 3000), 64, '0'), 0, 0, i, CASE WHEN i % 5 <> 0 AND i * 7919 % 5000 % 2 = 0 THEN -i END
            FROM generate_series(1, {WritersComments}) AS i,
                (SELECT min("Id") AS first, max("Id") - min("Id") + 1 AS span FROM "Articles") AS a;
            """;
    }

    [Fact]
    public async Task EveryReadOfCommentsAPostMakesIsOneProbeByPrimaryKeyOrByTheWriterWhateverTheStatisticsSayIssue11()
    {
        site.Reads.Take();

        var onArchiveStatistics = await PlansOfPostsAsync("archive");
        await site.GatherStatisticsAsync();
        var onFreshStatistics = await PlansOfPostsAsync("fresh");

        var partial = await QueryPlans.PartialIndexesAsync(site, "Comments");
        Assert.All([onArchiveStatistics, onFreshStatistics], plans => Assert.True(plans.Count(p => Reads(p.Command).Count > 0) >= 6,
            $"Too few reads of Comments recorded to judge:\n{string.Join("\n\n", plans.Select(p => p.Command.Sql))}"));
        var problems = onArchiveStatistics.Select(p => ("statistics of the archive alone", p))
            .Concat(onFreshStatistics.Select(p => ("statistics of everything", p)))
            .SelectMany(x => Problems(x.p.Command, x.p.Plan, partial).Select(problem =>
                $"With {x.Item1}: {problem}\n{x.p.Command.Sql}\n  plan:\n    {string.Join("\n    ", x.p.Plan)}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    /// <summary>Every kind of post, as guests, a member and a script make them; then each read they made, with its plan.</summary>
    private async Task<List<(RecordedCommand Command, IReadOnlyList<string> Plan)>> PlansOfPostsAsync(string run)
    {
        var comments = $"/api/v1/articles/{Article}/comments";
        var parent = await site.WithDbAsync(db => db.Comments
            .Where(c => c.ParentId == null && c.Status == CommentStatus.Approved && db.Articles.Any(a => a.Id == c.ArticleId && a.Slug == Article))
            .Select(c => c.Id).FirstAsync());
        using var guest = new ApiClient(site, "198.51.100.20");
        using var anonymous = new ApiClient(site, "198.51.100.21");
        using var member = await site.SignInAsStaffAsync($"plans-{run}@example.com");

        using var withEmail = await guest.PostAsync(comments, new { body = $"Posted with an e-mail ({run}).", authorEmail = "Reader17@example.com" });
        using var reply = await guest.PostAsync(comments, new { body = $"A reply ({run}).", authorEmail = "reader17@example.com", parentId = parent });
        using var again = await guest.PostAsync(comments, new { body = $"A reply  ({run}).", authorEmail = "reader17@example.com", parentId = parent });
        using var withoutEmail = await anonymous.PostAsync(comments, new { body = $"Posted without an e-mail ({run})." });
        var form = await member.GetFormAsync($"/articles/{Article}/comment", "form.comment-form");
        using var byMember = await form.Set("Body", $"Posted by a member ({run}).").SubmitAsync();
        var id = (await ApiClient.JsonAsync(withoutEmail)).GetProperty("id").GetInt32();
        using var edit = await anonymous.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{id}", new { body = $"Edited ({run})." });

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Created, HttpStatusCode.Redirect, HttpStatusCode.OK],
            [withEmail.StatusCode, reply.StatusCode, again.StatusCode, withoutEmail.StatusCode, byMember.StatusCode, edit.StatusCode]);
        var plans = new List<(RecordedCommand, IReadOnlyList<string>)>();
        foreach (var command in site.Reads.Take().Where(c => Reads(c).Count > 0))
        {
            plans.Add((command, await QueryPlans.ExplainAsync(site, command)));
        }
        return plans;
    }

    /// <summary>The names the statement gives the Comments table where it reads it (EF Core aliases it in every read).</summary>
    private static List<string> Reads(RecordedCommand command) =>
        Regex.Matches(command.Sql, "FROM \"Comments\" AS \"?(\\w+)\"?").Select(m => m.Groups[1].Value).ToList();

    /// <summary>The primary key, or an index led by one of the writer's identities or texts (WritePathIndexes).</summary>
    private static readonly Regex WriterIndex = new("^(PK_Comments|IX_Comments_(UserId|GuestKeyHash|AuthorEmailLower|WriterFingerprint|EmailFingerprint)_\\w+)$");

    /// <summary>What the writer's indexes hold: a condition of equality on one of these must bound the seek, not filter what it finds.</summary>
    private static readonly string[] Sought = ["Id", "UserId", "GuestKeyHash", "AuthorEmail", "Status", "WriterFingerprint", "EmailFingerprint"];

    /// <summary>
    /// What is wrong with how the reads of Comments in a statement run: one that does not stop at its first row (LIMIT,
    /// EXISTS), walks the table, takes an index that is not the writer's, or finds by a condition of equality (on the
    /// writer, the status, the text) rows it then filters instead of seeking them: a read of the writer's history. A
    /// condition that a partial index holds for all its rows (its WHERE) needs no seek.
    /// </summary>
    private static IEnumerable<string> Problems(RecordedCommand command, IReadOnlyList<string> plan, IReadOnlyDictionary<string, string> partial)
    {
        var aliases = Reads(command);
        var stops = Regex.Matches(command.Sql, @"\bLIMIT\b|\bEXISTS \(").Count;
        if (stops < aliases.Count)
        {
            yield return $"{aliases.Count} reads of Comments, {stops} of them stopped at their first row (LIMIT, EXISTS).";
        }
        foreach (var alias in aliases)
        {
            var (step, seek) = TestDatabase.IsPostgres ? PostgresStep(plan, alias) : SqliteStep(plan, alias);
            if (step is null)
            {
                yield return $"no step of the plan reads {alias}";
                continue;
            }
            var index = Regex.Match(step, TestDatabase.IsPostgres
                ? "(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) \"?(\\w+)\"?"
                : @"USING (?:COVERING )?INDEX (\w+)");
            if (step.Contains("Seq Scan", StringComparison.Ordinal) || step.StartsWith("SCAN", StringComparison.Ordinal))
            {
                yield return $"{alias}: a walk of the table";
            }
            else if (!step.Contains("INTEGER PRIMARY KEY", StringComparison.Ordinal) && !(index.Success && WriterIndex.IsMatch(index.Groups[1].Value)))
            {
                yield return $"{alias}: an index that is not the writer's";
            }
            var holds = index.Success ? partial.GetValueOrDefault(index.Groups[1].Value, "") : "";
            foreach (var column in Equalities(command.Sql, alias).Where(c => !InSeek(seek, c) && !holds.Contains($"\"{c}\" =", StringComparison.Ordinal)))
            {
                yield return $"{alias}: \"{column}\" = … filters what the seek found instead of bounding it";
            }
        }
    }

    /// <summary>The columns of the writer's indexes that a read's conditions test for equality (=, IN).</summary>
    private static IEnumerable<string> Equalities(string sql, string alias)
    {
        var from = Regex.Match(sql, $"FROM \"Comments\" AS \"?{alias}\"?\\s");
        var end = sql.IndexOf("LIMIT", from.Index, StringComparison.Ordinal);
        var read = sql[from.Index..(end < 0 ? sql.Length : end)];
        var where = read.IndexOf("WHERE", StringComparison.Ordinal);
        if (where < 0)
        {
            return [];
        }
        return Regex.Matches(read[where..], $"\"?{alias}\"?\\.\"(\\w+)\"\\)?(?:::\\w+)?\\)? (?:= |IN \\()")
            .Select(m => m.Groups[1].Value).Where(Sought.Contains).Distinct();
    }

    private static bool InSeek(string seek, string column) => TestDatabase.IsPostgres
        ? seek.Contains(column == "AuthorEmail" ? "lower(" : $"\"{column}\"", StringComparison.Ordinal)
        : seek.Contains(column switch { "Id" => "rowid=", "AuthorEmail" => "<expr>=", _ => $"{column}=" }, StringComparison.Ordinal);

    /// <summary>SQLite: the plan's line for this read (SEARCH or SCAN), and the conditions its index seeks on.</summary>
    private static (string? Step, string Seek) SqliteStep(IReadOnlyList<string> plan, string alias)
    {
        var step = plan.FirstOrDefault(line => Regex.IsMatch(line, $"^(SCAN|SEARCH) {alias}( |$)"));
        return (step, step is null ? "" : Regex.Match(step, @"\(([^()]*)\)$").Groups[1].Value);
    }

    /// <summary>PostgreSQL: the plan's node for this read with what is under it, and its Index Cond lines.</summary>
    private static (string? Step, string Seek) PostgresStep(IReadOnlyList<string> plan, string alias)
    {
        var at = plan.ToList().FindIndex(line => Regex.IsMatch(line, $"on \"Comments\" {alias}( |$)"));
        if (at < 0)
        {
            return (null, "");
        }
        var depth = plan[at].Length - plan[at].TrimStart().Length;
        var node = plan.Skip(at + 1).TakeWhile(line => !(line.TrimStart().StartsWith("->", StringComparison.Ordinal) && line.Length - line.TrimStart().Length <= depth))
            .Prepend(plan[at]).ToList();
        return (string.Join("\n", node), string.Join("\n", node.Where(line => line.Contains("Index Cond:", StringComparison.Ordinal))));
    }
}
