using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Profiles;

/// <summary>The discussion pages that show a member's comments carry their badge and picture: each is evicted when either changes.</summary>
public static class SpeakerPages
{
    public static async Task ChangedAsync(GazetteDb db, SiteCache siteCache, string userId, CancellationToken cancellationToken)
    {
        var slugs = await db.Comments.Where(c => c.UserId == userId)
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => a.Slug).Distinct().ToListAsync(cancellationToken);
        foreach (var slug in slugs)
        {
            await siteCache.ArticleChangedAsync(slug, cancellationToken);
        }
    }
}
