using Gazette.Comments;
using Gazette.Core.Text;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Export;

/// <summary>
/// A seeded site made as the newsroom and the comment writer make it: HTML rendered from the text as typed, and the
/// articles' comment counts counted.
/// </summary>
public static class SiteMadeByTheNewsroom
{
    public static Task RenderAsync(GazetteFactory site) => site.WithDbAsync(async db =>
    {
        var cancellation = TestContext.Current.CancellationToken;
        foreach (var article in await db.Articles.ToListAsync(cancellation))
        {
            article.BodyHtml = ArticleMarkdown.ToHtml(article.BodyMarkdown);
            article.BodyText = ArticleMarkdown.ToPlainText(article.BodyMarkdown);
        }
        foreach (var comment in await db.Comments.ToListAsync(cancellation))
        {
            CommentLifecycle.SetBody(comment, comment.Body);
        }
        await db.SaveChangesAsync(cancellation);
        await CommentLifecycle.RecountAsync(db, await db.Articles.Select(a => a.Id).ToListAsync(cancellation), cancellation);
    });
}
