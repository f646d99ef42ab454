using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Comments;

/// <summary>
/// An article open for comments with one comment on it, a second article, and one whose comments are closed.
/// Tests that write make their own comments, so they do not depend on each other.
/// </summary>
public class DiscussionSite : EmptyGazetteFactory
{
    public const string Open = "/articles/open-story";
    public int ExistingCommentId { get; private set; }
    public int OtherArticleCommentId { get; private set; }
    public int DeletedCommentId { get; private set; }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Discussion:MaxBodyLength", "500"), new("Discussion:ThreadsPerPage", "100")];

    public DiscussionSite()
    {
        WithDbAsync(async db =>
        {
            var at = Now.UtcDateTime.AddDays(-1);
            var author = Author("Ana Writer");
            var open = Article("Open story", at, author);
            var other = Article("Other story", at.AddHours(-1), author);
            var closed = Article("Closed story", at.AddHours(-2), author);
            closed.CommentsClosed = true;
            db.AddRange(open, other, closed);
            await db.SaveChangesAsync();
            var existing = Comment(open, "First reader", "The first comment.", at.AddMinutes(5));
            var elsewhere = Comment(other, "Elsewhere", "On the other story.", at.AddMinutes(5));
            var deleted = Comment(open, "Gone", "Deleted one.", at.AddMinutes(6), status: Gazette.Comments.CommentStatus.Deleted);
            db.AddRange(existing, elsewhere, deleted);
            open.CommentCount = 1;
            other.CommentCount = 1;
            await db.SaveChangesAsync();
            (ExistingCommentId, OtherArticleCommentId, DeletedCommentId) = (existing.Id, elsewhere.Id, deleted.Id);
        }).GetAwaiter().GetResult();
    }

    public FormClient Browser() => new(this);

    public ApiClient Script(string? clientIp = null) => new(this, clientIp ?? "203.0.113.7");
}
