using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Discovery;

/// <summary>
/// The newsroom and administration pages the HTML checker and the accessibility checks read, as the administrator
/// named here sees them (every section open), on the demo site's longest discussion.
/// </summary>
public static class StaffPages
{
    public const string AdministratorEmail = "checker-admin@example.com";

    public static async Task<IReadOnlyList<(string Name, string Url)>> FindAsync(GazetteDb db)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var article = await db.Articles.AsNoTracking().OrderByDescending(a => a.CommentCount).Select(a => a.Id).FirstAsync(cancellation);
        var comment = await db.Comments.AsNoTracking().Where(c => c.ArticleId == article && c.Status == Gazette.Comments.CommentStatus.Approved)
            .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(cancellation);
        var administrator = await db.Users.AsNoTracking().Where(u => u.Email == AdministratorEmail).Select(u => u.Id).FirstAsync(cancellation);
        return
        [
            ("newsroom front page", "/admin"),
            ("article list", "/admin/articles"),
            ("new article", "/admin/articles/new"),
            ("article editor", $"/admin/articles/{article}"),
            ("preview", $"/admin/articles/{article}/preview"),
            ("revisions", $"/admin/articles/{article}/revisions"),
            ("users", "/admin/users"),
            ("one user", $"/admin/users/{administrator}"),
            ("site settings", "/admin/settings"),
            ("export", "/admin/export"),
            ("demo content", "/admin/demo"),
            ("article trash", "/admin/articles?status=Trashed"),
            ("media library", "/admin/media"),
            ("feature a comment", $"/admin/moderation/comments/{comment}/pick"),
            ("own account", "/account"),
            ("member page", $"/members/{administrator}"),
        ];
    }
}
