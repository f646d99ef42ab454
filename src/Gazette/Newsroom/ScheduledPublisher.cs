using Gazette.Articles;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Newsroom;

/// <summary>
/// Publishes scheduled articles when their time comes: at start (anything that fell due while the site was down),
/// then every <see cref="NewsroomOptions.PublishCheckSeconds"/> by the site's clock. Each article that goes out
/// leaves the caches at once, so it is on the home page, its lists and the feeds straight away.
/// </summary>
public sealed class ScheduledPublisher(
    IServiceScopeFactory scopes, TimeProvider clock, SiteCache siteCache, IOptions<NewsroomOptions> options, ILogger<ScheduledPublisher> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PublishCheckSeconds), clock);
        do
        {
            try
            {
                await PublishDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failed run (a locked database, say) must not stop the next ones.
                log.LogError(e, "Publishing scheduled articles failed; trying again at the next check.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private readonly SemaphoreSlim running = new(1, 1);

    /// <summary>
    /// Publishes every scheduled article whose time has passed, and returns their slugs. Safe to run at the same time
    /// as another run (another instance's): an article changes status once, in one conditional update. On one
    /// instance a run waits for the one in progress, so that when it returns every article due is out of the caches
    /// too (else it could find nothing left to do while the other run is still evicting, which takes a while with
    /// the page cache in Redis).
    /// </summary>
    public async Task<IReadOnlyList<string>> PublishDueAsync(CancellationToken cancellationToken = default)
    {
        await running.WaitAsync(cancellationToken);
        try
        {
            return await PublishDueNowAsync(cancellationToken);
        }
        finally
        {
            running.Release();
        }
    }

    private async Task<IReadOnlyList<string>> PublishDueNowAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        var writes = scope.ServiceProvider.GetRequiredService<WriteGate>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
            .Select(a => new { a.Id, a.Slug })
            .ToListAsync(cancellationToken);
        var published = new List<string>();
        foreach (var article in due)
        {
            int changed;
            await using (var transaction = await writes.BeginAsync(db, cancellationToken))
            {
                changed = await db.Articles
                    .Where(a => a.Id == article.Id && a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
                    .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, ArticleStatus.Published).SetProperty(a => a.UpdatedAt, now), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            // Evicted even when another run changed it first: this run's caller may read the pages as soon as it returns.
            await siteCache.ArticleChangedAsync(article.Slug, cancellationToken);
            if (changed > 0)
            {
                published.Add(article.Slug);
                log.LogInformation("Published scheduled article {Slug}.", article.Slug);
            }
        }
        return published;
    }
}
