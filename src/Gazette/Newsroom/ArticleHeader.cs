using Gazette.Articles;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>What the newsroom's pages need to know of an article before they show or change it.</summary>
/// <param name="AuthorUserId">The staff account writing under its first byline.</param>
/// <param name="BylineRowUserIds">Those of every byline row (see <see cref="ArticleByline"/>).</param>
public sealed record ArticleHeader(
    int Id, string Slug, string Title, ArticleStatus Status, DateTime PublishedAt, string? AuthorUserId, List<string?> BylineRowUserIds)
{
    /// <summary>The staff accounts writing under any of its bylines.</summary>
    public IEnumerable<string?> BylineUserIds => BylineRowUserIds.Append(AuthorUserId);

    public static Task<ArticleHeader?> FindAsync(GazetteDb db, int id, CancellationToken cancellationToken) =>
        db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new ArticleHeader(a.Id, a.Slug, a.Title, a.Status, a.PublishedAt, a.Author.UserId,
                a.Bylines.Select(b => b.Author.UserId).ToList()))
            .FirstOrDefaultAsync(cancellationToken);
}
