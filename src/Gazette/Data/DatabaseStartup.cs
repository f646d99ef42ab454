using Gazette.Accounts;
using Gazette.Core.Text;
using Gazette.Demo;
using Gazette.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Data;

/// <summary>
/// Makes the data folder and database ready before the site takes requests: creates the folder, applies the
/// migrations (SQLite: <see cref="SqliteDatabase"/>; PostgreSQL: <see cref="PostgresDatabase"/>, one instance at a
/// time), adds the roles, loads the demo content into an empty database. Problems an operator can fix become one
/// <see cref="GazetteStartupException"/> naming the database and the cause.
/// </summary>
public sealed class DatabaseStartup(
    IServiceScopeFactory scopes,
    IOptions<StorageOptions> storage,
    IWebHostEnvironment environment,
    ILogger<DatabaseStartup> log)
{
    public async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        var dataPath = storage.Value.DataPath(environment.ContentRootPath);
        try
        {
            Directory.CreateDirectory(dataPath);
            Directory.CreateDirectory(Path.Combine(dataPath, "media"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new GazetteStartupException($"It cannot create its data folder '{dataPath}': {e.Message}", e);
        }

        await using var scope = scopes.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        await using var turn = settings.Provider == DatabaseProvider.Postgres
            ? await PostgresDatabase.TakeStartupTurnAsync(settings, cancellationToken)
            : null;
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        await (settings.Provider == DatabaseProvider.Postgres
            ? PostgresDatabase.MigrateAsync(db, settings, cancellationToken)
            : SqliteDatabase.MigrateAsync(db, cancellationToken));
        log.LogInformation("Database ready: {Provider} {Where}", settings.Provider, settings.Where);

        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        await FillPlainTextAsync(db, cancellationToken);
        await FillFingerprintsAsync(db, scope.ServiceProvider, cancellationToken);

        await scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadIfEmptyAsync(db, dataPath, cancellationToken);
        await FillNameSkeletonsAsync(db, cancellationToken);
    }

    /// <summary>
    /// Accounts and bylines named before names were reserved (migration IdentityNameSkeletons), or inserted without the
    /// context's save, get the skeleton their name is looked up by. Empty after the first start.
    /// </summary>
    private static async Task FillNameSkeletonsAsync(GazetteDb db, CancellationToken cancellationToken)
    {
        while (await db.Users.Where(u => u.DisplayNameSkeleton == null && u.DisplayName != "").Take(1000).ToListAsync(cancellationToken) is { Count: > 0 } users)
        {
            users.ForEach(user => user.KeepNameSkeleton());
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (users.All(user => user.DisplayNameSkeleton is null))
            {
                break;
            }
        }
        while (await db.Authors.Where(a => a.NameSkeleton == null && a.Name != "").Take(1000).ToListAsync(cancellationToken) is { Count: > 0 } authors)
        {
            authors.ForEach(author => author.KeepNameSkeleton());
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (authors.All(author => author.NameSkeleton is null))
            {
                break;
            }
        }
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>
    /// Comments written before the fingerprints of their text were kept (migration WritePathIndexes) get them if they are
    /// recent enough for the duplicate rule to look at them: then the first posts after the upgrade are screened like any
    /// other. An indexed range of the newest comments, empty after the first start.
    /// </summary>
    private static async Task FillFingerprintsAsync(GazetteDb db, IServiceProvider services, CancellationToken cancellationToken)
    {
        var since = services.GetRequiredService<IOptions<ModerationOptions>>().Value
            .DuplicatesSince(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        while (await db.Comments
            .Where(c => c.CreatedAt >= since && c.WriterFingerprint == null && c.EmailFingerprint == null)
            .Where(c => c.UserId != null || c.GuestKeyHash != null || c.AuthorEmail != null)
            .Take(1000).ToListAsync(cancellationToken) is { Count: > 0 } comments)
        {
            comments.ForEach(comment => comment.KeepFingerprints());
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Articles saved before search existed get their plain text (and so their place in the index) once.</summary>
    private static async Task FillPlainTextAsync(GazetteDb db, CancellationToken cancellationToken)
    {
        var articles = await db.Articles.Where(a => a.BodyText == "" && a.BodyMarkdown != "").ToListAsync(cancellationToken);
        foreach (var article in articles)
        {
            article.BodyText = ArticleMarkdown.ToPlainText(article.BodyMarkdown);
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
