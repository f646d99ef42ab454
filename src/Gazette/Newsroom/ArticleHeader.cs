using Gazette.Articles;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>What the newsroom's pages need to know of an article before they show or change it.</summary>
public sealed record ArticleHeader(int Id, string Slug, string Title, ArticleStatus Status, DateTime PublishedAt, string? AuthorUserId)
{
    public static Task<ArticleHeader?> FindAsync(GazetteDb db, int id, CancellationToken cancellationToken) =>
        db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new ArticleHeader(a.Id, a.Slug, a.Title, a.Status, a.PublishedAt, a.Author.UserId))
            .FirstOrDefaultAsync(cancellationToken);
}
