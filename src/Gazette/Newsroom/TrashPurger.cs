using Gazette.Articles;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Newsroom;

/// <summary>
/// Deletes for good the articles that have been in the trash longer than <see cref="NewsroomOptions.TrashDays"/>, with
/// their comments and everything hanging on them (as removing the demo does): a minute after the site starts, then hourly.
/// Safe on several instances at once: a second run finds nothing left, or deletes nothing twice.
/// </summary>
public sealed class TrashPurger(
    IServiceScopeFactory scopes, IOptionsMonitor<NewsroomOptions> options, TimeProvider clock, SiteCache siteCache, ILogger<TrashPurger> log)
    : BackgroundService
{
    public static readonly TimeSpan FirstRunAfter = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Purges what is due; returns the slugs of the articles deleted.</summary>
    public async Task<IReadOnlyList<string>> PurgeDueAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.CurrentValue.TrashDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        var writes = scope.ServiceProvider.GetRequiredService<WriteGate>();
        var due = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Trashed && a.TrashedAt != null && a.TrashedAt <= cutoff)
            .Select(a => new { a.Id, a.Slug }).ToListAsync(cancellationToken);
        var purged = new List<string>();
        foreach (var article in due)
        {
            await using (var transaction = await writes.BeginAsync(db, cancellationToken))
            {
                // Restored in the meantime: kept.
                var still = db.Articles.Where(a => a.Id == article.Id && a.Status == ArticleStatus.Trashed && a.TrashedAt <= cutoff);
                if (!await still.AnyAsync(cancellationToken))
                {
                    continue;
                }
                var comments = db.Comments.Where(c => c.ArticleId == article.Id);
                await db.ModerationLog.Where(e => e.CommentId != null && comments.Any(c => c.Id == e.CommentId)).ExecuteDeleteAsync(cancellationToken);
                // Replies before what they reply to: a comment's parent and root may not go while it stays.
                var deepest = await comments.MaxAsync(c => (int?)c.Depth, cancellationToken) ?? -1;
                for (var depth = deepest; depth >= 0; depth--)
                {
                    await comments.Where(c => c.Depth == depth).ExecuteDeleteAsync(cancellationToken);
                }
                // Pins, revisions, notes, redirects and the rest go with the article (cascades).
                await still.ExecuteDeleteAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            await siteCache.ArticleChangedAsync(article.Slug, cancellationToken);
            purged.Add(article.Slug);
            log.LogInformation("Deleted for good the article {Slug}, in the trash for more than {Days} days.", article.Slug, options.CurrentValue.TrashDays);
        }
        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRunAfter, clock, stoppingToken);
            while (true)
            {
                try
                {
                    await PurgeDueAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next run tries again; the site goes on meanwhile.
                    log.LogError(e, "Emptying the trash failed.");
                }
                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The site is stopping.
        }
    }
}
