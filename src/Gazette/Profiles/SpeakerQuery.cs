using Gazette.Comments;
using Gazette.Core.Threads;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Profiles;

/// <summary>Reads the members who wrote a page's comments: their roles and pictures, and which of them wrote the article.</summary>
public sealed class SpeakerQuery(GazetteDb db)
{
    public Task<Speakers> ForAsync(int articleId, IEnumerable<ThreadNode<CommentView>> threads, CancellationToken cancellationToken) =>
        ForAsync(articleId, ThreadBuilder.InReadingOrder(threads).Where(node => !node.IsPlaceholder).Select(node => node.Item), cancellationToken);

    public async Task<Speakers> ForAsync(int articleId, IEnumerable<CommentView> comments, CancellationToken cancellationToken)
    {
        var ids = comments.Select(c => c.UserId).OfType<string>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return Speakers.Unread;
        }
        var authorUserId = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => a.Author.UserId).FirstOrDefaultAsync(cancellationToken);
        var pictures = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.AvatarPath }).ToDictionaryAsync(u => u.Id, u => u.AvatarPath, cancellationToken);
        var roles = (await db.UserRoles.AsNoTracking().Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name!);
        var speakers = new Dictionary<string, Speaker>();
        foreach (var (id, avatarPath) in pictures)
        {
            speakers[id] = new Speaker(MemberBadges.For(roles[id].ToList(), wroteTheArticle: id == authorUserId),
                Avatars.UrlOf(id, avatarPath), MemberLinks.Profile(id));
        }
        return new Speakers(speakers);
    }
}
