using System.Data.Common;
using Gazette.Accounts;
using Gazette.Core.Text;
using Gazette.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Data;

/// <summary>
/// Makes the data folder and database ready before the site takes requests: creates the folder, applies the
/// migrations, turns on WAL, loads the demo content into an empty database. Problems an operator can fix
/// become one <see cref="GazetteStartupException"/> naming the path and the cause.
/// </summary>
public sealed class DatabaseStartup(
    IServiceScopeFactory scopes,
    IOptions<StorageOptions> storage,
    IWebHostEnvironment environment,
    ILogger<DatabaseStartup> log)
{
    private const string WhatToDo = "If the file is damaged, move it away (Gazette then creates a new one) or restore a backup.";

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
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        var databasePath = db.Database.GetDbConnection().DataSource;
        ThrowIfNotSqlite(databasePath);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
            // WAL lets readers go on while a comment is written; the setting is kept in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            // Table statistics let the planner pick the primary key and RootId index for a page of a long thread.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        }
        catch (DbException e)
        {
            throw new GazetteStartupException(
                $"It cannot use its database '{databasePath}': {e.Message} {WhatToDo}", e);
        }
        log.LogInformation("Database ready at {Path}", databasePath);

        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        await FillPlainTextAsync(db, cancellationToken);

        await scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadIfEmptyAsync(db, dataPath, cancellationToken);
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

    /// <summary>
    /// Reads the file's header before EF Core touches it, so that a damaged file is reported in one line
    /// rather than after a failed command has been logged.
    /// </summary>
    private static void ThrowIfNotSqlite(string databasePath)
    {
        var header = "SQLite format 3\0"u8;
        var info = new FileInfo(databasePath);
        if (!info.Exists || info.Length == 0)
        {
            return;
        }
        Span<byte> start = stackalloc byte[16];
        int read;
        try
        {
            using var file = info.OpenRead();
            read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GazetteStartupException($"It cannot read its database '{databasePath}': {e.Message}", e);
        }
        if (read < start.Length || !start.SequenceEqual(header))
        {
            throw new GazetteStartupException(
                $"It cannot use its database '{databasePath}': the file is not a database (it does not start with an SQLite header). {WhatToDo}");
        }
    }
}
