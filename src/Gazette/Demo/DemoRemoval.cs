using Gazette.Administration;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Demo;

/// <summary>What removing the demo took away.</summary>
public sealed record DemoRemoved(int Articles, int Comments, int Authors);

/// <summary>
/// Takes the demo content out of a site that is going live, in one transaction: the articles the demo loader marked
/// (<see cref="Articles.Article.IsDemo"/>) with their comments and what hangs on them (votes, flags, appeals,
/// revisions, moderation log lines), then the bylines, categories and tags the demo brought that nothing else uses.
/// Saves <c>Demo:Enabled=false</c> so that an empty database is not filled again at the next start, and empties the caches.
/// </summary>
public sealed class DemoRemoval(GazetteDb db, WriteGate writes, SiteSettingsStore settings, SiteCache siteCache, IOutputCacheStore pages, ILogger<DemoRemoval> log)
{
    public const string EnabledKey = DemoOptions.Section + ":" + nameof(DemoOptions.Enabled);

    public async Task<DemoRemoved> RemoveAsync(CancellationToken cancellationToken)
    {
        List<string> slugs;
        DemoRemoved removed;
        await using (var transaction = await writes.BeginExclusiveAsync(db, cancellationToken))
        {
            var demo = await db.Articles.Where(a => a.IsDemo)
                .Select(a => new { a.Id, a.Slug, a.AuthorId, a.CategoryId, Tags = a.Tags.Select(t => t.Id).ToList() })
                .ToListAsync(cancellationToken);
            var ids = demo.Select(a => a.Id).ToList();
            slugs = demo.Select(a => a.Slug).ToList();
            var comments = db.Comments.Where(c => ids.Contains(c.ArticleId));
            var commentCount = await comments.CountAsync(cancellationToken);
            await db.ModerationLog.Where(e => e.CommentId != null && comments.Any(c => c.Id == e.CommentId)).ExecuteDeleteAsync(cancellationToken);
            // Replies before what they reply to: a comment's parent and root may not go while it stays. Votes, flags,
            // appeals and revisions go with their comment.
            var deepest = await comments.MaxAsync(c => (int?)c.Depth, cancellationToken) ?? -1;
            for (var depth = deepest; depth >= 0; depth--)
            {
                await comments.Where(c => c.Depth == depth).ExecuteDeleteAsync(cancellationToken);
            }
            await db.Articles.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);

            var authorIds = demo.Select(a => a.AuthorId).Distinct().ToList();
            var authors = await db.Authors
                .Where(a => authorIds.Contains(a.Id) && a.UserId == null && !db.Articles.Any(article => article.AuthorId == a.Id)
                    && !db.ArticleBylines.Any(b => b.AuthorId == a.Id))
                .ExecuteDeleteAsync(cancellationToken);
            var categoryIds = demo.Where(a => a.CategoryId is not null).Select(a => a.CategoryId!.Value).Distinct().ToList();
            await db.Categories.Where(c => categoryIds.Contains(c.Id) && !db.Articles.Any(a => a.CategoryId == c.Id)).ExecuteDeleteAsync(cancellationToken);
            var tagIds = demo.SelectMany(a => a.Tags).Distinct().ToList();
            await db.Tags.Where(t => tagIds.Contains(t.Id) && !t.Articles.Any()).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            removed = new DemoRemoved(demo.Count, commentCount, authors);
        }
        await settings.SaveAsync(db, new Dictionary<string, string> { [EnabledKey] = "false" }, cancellationToken);
        foreach (var slug in slugs)
        {
            await siteCache.ArticleChangedAsync(slug, cancellationToken);
        }
        await pages.EvictByTagAsync(PageCache.Everything, cancellationToken);
        log.LogInformation("Removed the demo content: {Articles} articles, {Comments} comments, {Authors} authors", removed.Articles, removed.Comments, removed.Authors);
        return removed;
    }

    /// <summary>Whether an administrator removed the demo (or set it off) in the saved settings, which the loader reads before the configuration has them.</summary>
    public static Task<bool> TurnedOffAsync(GazetteDb db, CancellationToken cancellationToken) =>
        db.SiteSettings.AnyAsync(s => s.Key == EnabledKey && s.Value == "false", cancellationToken);

    /// <summary>Whether any demo content is left to remove.</summary>
    public static Task<bool> AnyAsync(GazetteDb db, CancellationToken cancellationToken) => db.Articles.AnyAsync(a => a.IsDemo, cancellationToken);
}
