using Gazette.Articles;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>What the newsroom's pages need to know of an article before they show or change it.</summary>
/// <param name="BylineUserIds">The staff accounts writing under its bylines (the first one's first).</param>
public sealed record ArticleHeader(int Id, string Slug, string Title, ArticleStatus Status, DateTime PublishedAt, List<string?> BylineUserIds)
{
    public static Task<ArticleHeader?> FindAsync(GazetteDb db, int id, CancellationToken cancellationToken) =>
        db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new ArticleHeader(a.Id, a.Slug, a.Title, a.Status, a.PublishedAt,
                a.Bylines.Select(b => b.Author.UserId).Prepend(a.Author.UserId).ToList()))
            .FirstOrDefaultAsync(cancellationToken);
}
