using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Profiles;

/// <summary>One of a member's public comments on their page, with where it sits.</summary>
public sealed record MemberComment(int Id, string ArticleSlug, string ArticleTitle, string BodyHtml, DateTime CreatedAt, bool IsReply);

/// <summary>
/// /members/{id}: a member's name, badge, picture, when they joined, and their public comments, newest first, paged, each
/// linking to its place. Only what everyone may read: approved comments on published articles (a held, removed or deleted
/// comment is not public, even to its author here). The same for every reader, so the page cache may keep it.
/// </summary>
public sealed class MemberPageModel(GazetteDb db, TimeProvider clock) : PageModel
{
    public const int PerPage = 20;

    public string DisplayName { get; private set; } = "";
    public Speaker Speaker { get; private set; } = null!;
    public DateTime JoinedAt { get; private set; }
    public int CommentCount { get; private set; }
    public IReadOnlyList<MemberComment> Comments { get; private set; } = [];
    public Infrastructure.PagerView Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        var member = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.Id, u.DisplayName, u.CreatedAt, u.AvatarPath }).FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return NotFound();
        }
        var roles = await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(cancellationToken);
        (DisplayName, JoinedAt) = (member.DisplayName, member.CreatedAt);
        Speaker = new Speaker(MemberBadges.For(roles, wroteTheArticle: false), Avatars.UrlOf(member.Id, member.AvatarPath), MemberLinks.Profile(member.Id));

        var now = clock.GetUtcNow().UtcDateTime;
        var comments = db.Comments.AsNoTracking().Where(c => c.UserId == id).Where(Gazette.Comments.CommentLifecycle.Counted)
            .Join(Articles.PublishedArticles.Published(db.Articles, now), c => c.ArticleId, a => a.Id, (c, a) => new { Comment = c, a.Slug, a.Title });
        CommentCount = await comments.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (CommentCount + PerPage - 1) / PerPage);
        if (pageNumber < 1 || pageNumber > pageCount)
        {
            return NotFound();
        }
        Comments = await comments.OrderByDescending(x => x.Comment.CreatedAt).ThenByDescending(x => x.Comment.Id)
            .Skip((pageNumber - 1) * PerPage).Take(PerPage)
            .Select(x => new MemberComment(x.Comment.Id, x.Slug, x.Title, x.Comment.BodyHtml, x.Comment.CreatedAt, x.Comment.ParentId != null))
            .ToListAsync(cancellationToken);
        Pager = new Infrastructure.PagerView(pageNumber, pageCount, MemberLinks.Profile(member.Id), PreviousLabel: "← Newer comments", NextLabel: "Older comments →");
        return Page();
    }
}
