using Gazette.Articles;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>Where a former address of an article leads: its current one, while the article is public.</summary>
public sealed class OldSlugs(GazetteDb db, TimeProvider clock)
{
    public Task<string?> CurrentSlugAsync(string oldSlug, CancellationToken cancellationToken) =>
        db.SlugRedirects.AsNoTracking()
            .Where(r => r.OldSlug == oldSlug)
            .Join(db.Articles.Published(clock.GetUtcNow().UtcDateTime), r => r.ArticleId, a => a.Id, (r, a) => a.Slug)
            .FirstOrDefaultAsync(cancellationToken);
}
