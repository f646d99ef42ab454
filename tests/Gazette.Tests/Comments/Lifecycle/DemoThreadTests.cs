using Gazette.Comments;
using Gazette.Core.Text;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Comments.Lifecycle;

/// <summary>The demo loader writes its threads through <see cref="CommentLifecycle"/>: placed, rendered and counted as posts are.</summary>
public sealed class DemoThreadTests(GazetteFactory site) : IClassFixture<GazetteFactory>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryDemoArticlesCountIsWhatItsRowsSayAndEveryReplySitsUnderItsParentsRoot()
    {
        var articles = await site.WithDbAsync(db => db.Articles.AsNoTracking()
            .Select(a => new { a.Id, a.CommentCount, Rows = db.Comments.Count(c => c.ArticleId == a.Id && c.Status == CommentStatus.Approved) })
            .ToListAsync(Cancel));
        var comments = await site.WithDbAsync(db => db.Comments.AsNoTracking()
            .Select(c => new { c.Id, c.ParentId, c.RootId, c.Depth, c.Body, c.BodyHtml }).ToListAsync(Cancel));

        Assert.NotEmpty(articles);
        Assert.All(articles, a => Assert.Equal(a.Rows, a.CommentCount));
        Assert.Contains(articles, a => a.CommentCount > 100);
        var byId = comments.ToDictionary(c => c.Id);
        Assert.All(comments, c =>
        {
            var parent = c.ParentId is { } id ? byId[id] : null;
            Assert.Equal(parent is null ? 0 : parent.Depth + 1, c.Depth);
            Assert.Equal(parent is null ? null : parent.RootId ?? parent.Id, c.RootId);
            Assert.Equal(CommentText.ToHtml(c.Body), c.BodyHtml);
        });
    }
}
