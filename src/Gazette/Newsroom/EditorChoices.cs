using Gazette.Articles;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

public sealed record Choice(int Id, string Name);

/// <summary>What the editor's lists offer: sections, bylines, and recent published articles to pin.</summary>
public sealed record EditorLists(IReadOnlyList<Choice> Categories, IReadOnlyList<Choice> Authors, IReadOnlyList<ArticleLink> Recent);

public sealed class EditorChoices(GazetteDb db, TimeProvider clock)
{
    public const int RecentCount = 50;

    public async Task<EditorLists> GetAsync(Staffer staffer, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new Choice(c.Id, c.Name)).ToListAsync(cancellationToken);
        // Authors write under their own byline only: they get no list.
        var authors = staffer.MayPublish
            ? await db.Authors.AsNoTracking().OrderBy(a => a.Name).Select(a => new Choice(a.Id, a.Name)).ToListAsync(cancellationToken)
            : [];
        var recent = staffer.MayPublish
            ? await db.Articles.AsNoTracking().Published(clock.GetUtcNow().UtcDateTime)
                .OrderByDescending(a => a.PublishedAt).Take(RecentCount).Select(ArticleLink.FromArticle).ToListAsync(cancellationToken)
            : [];
        return new EditorLists(categories, authors, recent);
    }
}
