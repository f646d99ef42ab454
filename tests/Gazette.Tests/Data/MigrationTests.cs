using Gazette.Accounts;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Data;

/// <summary>
/// A site made by Gazette's first migration, with readers, an article and its discussion in it, is upgraded to the
/// latest schema when a newer Gazette starts on it, and nothing is lost (issue 6). On each provider from its own first
/// migration: SQLite's <c>Initial</c>, PostgreSQL's <c>PostgresInitial</c>.
/// </summary>
public sealed class MigrationTests : IAsyncDisposable
{
    private const string Password = "Upgrade-Proof-42";

    private readonly string folder = Directory.CreateTempSubdirectory("gazette-upgrade-").FullName;

    private sealed class SiteOn(string dataFolder) : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Storage:DataFolder", dataFolder)];
    }

    [Fact]
    public async Task ASiteFromTheFirstMigrationIsUpgradedWithoutLosingData()
    {
        var firstMigration = await MakeOldSiteAsync();

        await using var site = new SiteOn(folder);
        var article = await site.GetPageAsync("/articles/old-story");

        var applied = await site.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        var all = await site.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations()));
        Assert.Equal(firstMigration, applied.First());
        Assert.True(all.Count() > 1, "there is a later migration to upgrade to");
        Assert.Equal(all, applied);

        Assert.Equal("Written before the upgrade", article.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("A paragraph that must survive.", article.QuerySelector(".story-body")!.TextContent);
        var comments = article.QuerySelectorAll(".comment-list > li.comment");
        var first = Assert.Single(comments);
        Assert.Equal("Old Reader", first.QuerySelector(".comment-author")!.TextContent);
        Assert.Equal("First!", first.QuerySelector(".comment-text")!.TextContent.Trim());
        Assert.Equal("A guest", first.QuerySelector(".replies .comment-author")!.TextContent);

        var found = await site.GetPageAsync("/search?q=survive");
        Assert.Equal(["Written before the upgrade"], found.QuerySelectorAll(".search-result h2 a").Select(a => a.TextContent));
        // The search index is rebuilt from the rows already there, stemmed (issue 11).
        var anotherForm = await site.GetPageAsync("/search?q=surviving%20paragraphs");
        Assert.Equal(["Written before the upgrade"], anotherForm.QuerySelectorAll(".search-result h2 a").Select(a => a.TextContent));
        var tag = await site.GetPageAsync("/tag/archives");
        Assert.Single(tag.QuerySelectorAll("main article.article-card"));

        using var reader = new FormClient(site);
        using var signedIn = await (await reader.GetFormAsync("/account/sign-in"))
            .Set("Input.Email", "old.reader@example.com").Set("Input.Password", Password).SubmitAsync();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    /// <summary>
    /// The mails' bodies moved to a table of their own (session 19): a mail written before, with its bodies in the
    /// outbox's row, keeps them, and the outbox still gives new ids.
    /// </summary>
    [Fact]
    public async Task AMailQueuedBeforeItsBodiesMovedKeepsThem()
    {
        var settings = SettingsForFolder();
        var options = new DbContextOptionsBuilder<GazetteDb>();
        settings.Configure(options);
        var cancellation = TestContext.Current.CancellationToken;
        await using (var db = new GazetteDb(options.Options))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var moved = migrations.FindIndex(m => m.EndsWith("_OutboxBodies", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(migrations[moved - 1], cancellation);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "OutboxMessages" ("Kind", "ToAddress", "ToName", "Subject", "HtmlBody", "TextBody", "MessageId", "Status",
                    "Attempts", "CreatedAt", "NextAttemptAt", "SentAt")
                VALUES ('ReplyMail', 'old.reader@example.com', 'Old Reader', 'A reply', '<p>Kept & sound: «1»</p>', 'Kept and sound: 1',
                    '<old@news.example.org>', 1, 1, {GazetteFactory.Now.UtcDateTime}, {GazetteFactory.Now.UtcDateTime}, {GazetteFactory.Now.UtcDateTime})
                """, cancellation);
        }

        await using var site = new SiteOn(folder);
        var mails = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(cancellation));
        var mail = Assert.Single(mails);
        Assert.Equal(("<p>Kept & sound: «1»</p>", "Kept and sound: 1", "A reply"), (mail.HtmlBody, mail.TextBody, mail.Subject));

        var queued = await site.WithDbAsync(async db =>
        {
            var outbox = site.Services.GetRequiredService<Gazette.Mail.Outbox>();
            var message = await outbox.QueueAsync<Gazette.Mail.Templates.TestMail>(db, new Gazette.Mail.MailRecipient("new.reader@example.com"),
                new Dictionary<string, object?> { ["Name"] = "Ann" }, cancellationToken: cancellation);
            await db.SaveChangesAsync(cancellation);
            return message!;
        });
        Assert.True(queued.Id > mail.Id);
        var stored = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == queued.Id, cancellation));
        Assert.Equal(queued.HtmlBody, stored.HtmlBody);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void EachProviderHasMigrationsForTheWholeModel(DatabaseProvider provider)
    {
        using var db = new DesignTimeDbFactory().CreateDbContext(["--provider", provider.ToString()]);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes without a {provider} migration: see README, \"Schema changes\" (every change needs one migration per provider).");
    }

    /// <summary>The database as the first migration left it, filled through SQL of that time (today's model has more columns).</summary>
    private async Task<string> MakeOldSiteAsync()
    {
        var settings = SettingsForFolder();
        var options = new DbContextOptionsBuilder<GazetteDb>();
        settings.Configure(options);
        await using var db = new GazetteDb(options.Options);
        var cancellation = TestContext.Current.CancellationToken;
        var first = db.Database.GetMigrations().First();
        await db.GetService<IMigrator>().MigrateAsync(first, cancellation);

        var now = GazetteFactory.Now.UtcDateTime;
        var (published, commented, replied) = (now.AddDays(-1), now.AddHours(-20), now.AddHours(-19));
        var hash = new PasswordHasher<GazetteUser>().HashPassword(null!, Password);
        // Columns that later migrations added with a default are left out on SQLite; PostgreSQL's first migration has them.
        var (articleExtras, articleExtraValues) = TestDatabase.IsPostgres ? (@", ""BodyText"", ""CreatedAt""", $", '', '{published:O}'") : ("", "");
        var (commentExtras, commentExtraValues) = TestDatabase.IsPostgres ? (@", ""SpamScore""", ", 0") : ("", "");

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "CreatedAt", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled",
                "LockoutEnabled", "AccessFailedCount")
            VALUES ('old-reader', 'Old Reader', {published}, 'old.reader@example.com', 'OLD.READER@EXAMPLE.COM', 'old.reader@example.com',
                'OLD.READER@EXAMPLE.COM', TRUE, {hash}, 'stamp-1', 'concurrency-1', FALSE, FALSE, TRUE, 0)
            """, cancellation);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Authors" ("Id", "Slug", "Name", "Bio") VALUES (1, 'ana', 'Ana Archivist', '')
            """, cancellation);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Tags" ("Id", "Slug", "Name") VALUES (1, 'archives', 'Archives')
            """, cancellation);
        var articleSql = $"""
            INSERT INTO "Articles" ("Id", "Slug", "Title", "Excerpt", "BodyMarkdown", "BodyHtml", "AuthorId", "Status", "PublishedAt",
                "UpdatedAt", "CommentCount", "CommentsClosed"{articleExtras})
            VALUES (1, 'old-story', 'Written before the upgrade', 'From the old days.', 'A paragraph that must survive.',
                '<p>A paragraph that must survive.</p>', 1, 2, @p0, @p0, 2, FALSE{articleExtraValues})
            """;
        await db.Database.ExecuteSqlRawAsync(articleSql, [Parameter(settings, "@p0", published)], cancellation);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ArticleTags" ("ArticlesId", "TagsId") VALUES (1, 1)
            """, cancellation);
        var commentSql = $"""
            INSERT INTO "Comments" ("Id", "ArticleId", "ParentId", "RootId", "Depth", "AuthorName", "Body", "BodyHtml", "Status", "CreatedAt",
                "Upvotes", "Downvotes", "UserId", "Rank"{commentExtras})
            VALUES (1, 1, NULL, NULL, 0, 'Old Reader', 'First!', '<p>First!</p>', 0, @p0, 0, 0, 'old-reader', 0{commentExtraValues}),
                (2, 1, 1, 1, 1, 'A guest', 'Welcome back.', '<p>Welcome back.</p>', 0, @p1, 0, 0, NULL, 0{commentExtraValues})
            """;
        await db.Database.ExecuteSqlRawAsync(commentSql, [Parameter(settings, "@p0", commented), Parameter(settings, "@p1", replied)], cancellation);
        if (TestDatabase.IsPostgres)
        {
            // Rows given their ids by hand leave the identity sequences behind; an upgraded site must still add rows.
            foreach (var table in new[] { "Authors", "Tags", "Articles", "Comments" })
            {
                var catchUp = $"""SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), (SELECT max("Id") FROM "{table}"))""";
                await db.Database.ExecuteSqlRawAsync(catchUp, cancellation);
            }
        }
        return first;
    }

    private DatabaseSettings SettingsForFolder() => TestDatabase.IsPostgres
        ? new DatabaseSettings(DatabaseProvider.Postgres, TestDatabase.ConnectionStringFor(folder))
        : new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "gazette.db")}");

    private static System.Data.Common.DbParameter Parameter(DatabaseSettings settings, string name, DateTime value) =>
        settings.Provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlParameter(name, value)
            : new SqliteParameter(name, value);

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await TestDatabase.DropAsync(folder);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
