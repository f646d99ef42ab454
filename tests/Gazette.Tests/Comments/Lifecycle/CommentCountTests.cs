using Gazette.Comments;
using Gazette.Demo;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Moderation.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Comments.Lifecycle;

/// <summary>
/// The article's count of visible comments, kept by <see cref="CommentLifecycle"/> through every move a comment makes and
/// recounted from the rows after a bulk load: always what the rows say.
/// </summary>
public sealed class CommentCountTests(QueueSite site) : IClassFixture<QueueSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private static readonly Moderator Staff = new("staff-id", "A moderator");

    [Fact]
    public async Task TheCountStaysRightThroughPostTrashRestoreHoldApproveAndDelete()
    {
        var (article, slug) = await site.ArticleAsync("Lifecycle count story");
        using var author = new ApiClient(site, "198.51.100.40");
        var id = await author.CommentAsync(slug, "A thought worth moving around.");
        await AssertCountAsync(article, 1);

        await DecideAsync(id, Decision.Trash);
        await AssertCountAsync(article, 0);

        await DecideAsync(id, Decision.Restore);
        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(id));
        await AssertCountAsync(article, 1);

        for (var i = 0; i < 3; i++)
        {
            var reader = new Reader(null, null, $"flagger-{i}", $"ip-{i}");
            await InScopeAsync<Flagging>(flags => flags.FlagAsync(id, FlagReason.Abuse, null, reader, Cancel));
        }
        Assert.Equal(CommentStatus.Pending, await site.StatusAsync(id));
        await AssertCountAsync(article, 0);

        await DecideAsync(id, Decision.Approve);
        await AssertCountAsync(article, 1);
        Assert.Equal("1 comment", (await site.GetPageAsync($"/articles/{slug}")).QuerySelector("#comments-title")!.TextContent);

        using (var deleted = await author.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{id}"))
        {
            Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync(Cancel));
        }
        Assert.Equal(CommentStatus.Deleted, await site.StatusAsync(id));
        await AssertCountAsync(article, 0);

        // Deleting was its author's last word: a moderator's restore finds nothing to move.
        Assert.Null(await InScopeAsync<CommentStatusChanges, StatusChange?>(changes => changes.DecideAsync(id, Decision.Restore, Staff, null, Cancel)));
        Assert.Equal(CommentStatus.Deleted, await site.StatusAsync(id));
        await AssertCountAsync(article, 0);
    }

    [Fact]
    public async Task AHeldReplyAndAnEditTheScreeningHoldsLeaveTheCountAsTheRowsSayIt()
    {
        var (article, slug) = await site.ArticleAsync("Lifecycle reply story");
        using var author = new ApiClient(site, "198.51.100.41");
        var top = await author.CommentAsync(slug, "Top of the thread.");
        var reply = await author.CommentAsync(slug, "A reply under it.", parentId: top);
        await AssertCountAsync(article, 2);

        var placed = await site.WithDbAsync(db => db.Comments.Where(c => c.Id == reply).Select(c => new { c.ParentId, c.RootId, c.Depth }).SingleAsync(Cancel));
        Assert.Equal((top, top, 1), (placed.ParentId!.Value, placed.RootId!.Value, placed.Depth));

        await DecideAsync(top, Decision.Spam);
        await AssertCountAsync(article, 1);
        await DecideAsync(top, Decision.Approve);
        await AssertCountAsync(article, 2);
    }

    [Fact]
    public async Task ABulkLoadedThreadInEveryStatusIsRecountedFromItsRows()
    {
        var (article, slug) = await site.ArticleAsync("Bulk loaded story");
        var pool = DemoContent.Read(Path.Combine(site.Services.GetRequiredService<DemoLoader>().ContentFolder, "demo-content.json")).CommentPool;
        var comments = CommentGenerator.Generate(article, QueueSite.At, QueueSite.At.AddDays(1), 300, pool, seed: 13);
        var statuses = Enum.GetValues<CommentStatus>();
        for (var i = 0; i < comments.Count; i++)
        {
            comments[i].Status = statuses[i % statuses.Length];
        }
        var approved = comments.Count(c => c.Status == CommentStatus.Approved);
        await site.WithDbAsync(async db =>
        {
            db.Comments.AddRange(comments);
            await db.SaveChangesAsync(Cancel);
            await db.Articles.Where(a => a.Id == article).ExecuteUpdateAsync(set => set.SetProperty(a => a.CommentCount, 12345), Cancel);
        });

        await site.WithDbAsync(db => CommentLifecycle.RecountAsync(db, [article, article], Cancel));

        Assert.Equal(approved, await site.CountAsync(article));
        await AssertCountAsync(article, approved);
        var rows = await site.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.ArticleId == article).ToListAsync(Cancel));
        var byId = rows.ToDictionary(c => c.Id);
        Assert.All(rows.Where(c => c.ParentId is not null), c =>
        {
            var parent = byId[c.ParentId!.Value];
            Assert.Equal(parent.Depth + 1, c.Depth);
            Assert.Equal(parent.RootId ?? parent.Id, c.RootId);
        });
        Assert.Contains($"{approved} comments", (await site.GetPageAsync($"/articles/{slug}")).QuerySelector("#comments-title")!.TextContent);
    }

    [Fact]
    public async Task RecountingLeavesOtherArticlesAlone()
    {
        var (counted, _) = await site.ArticleAsync("Recounted story");
        var (other, _) = await site.ArticleAsync("Untouched story");
        await site.CommentAsync(counted, "Counted.", CommentStatus.Approved);
        await site.WithDbAsync(db => db.Articles.Where(a => a.Id == other).ExecuteUpdateAsync(set => set.SetProperty(a => a.CommentCount, 7), Cancel));

        await site.WithDbAsync(db => CommentLifecycle.RecountAsync(db, [counted], Cancel));

        Assert.Equal((1, 7), (await site.CountAsync(counted), await site.CountAsync(other)));
    }

    private Task DecideAsync(int commentId, Decision decision) =>
        InScopeAsync<CommentStatusChanges, StatusChange?>(changes => changes.DecideAsync(commentId, decision, Staff, null, Cancel));

    /// <summary>The stored count, and that it is what the rows say.</summary>
    private async Task AssertCountAsync(int articleId, int expected)
    {
        var fromRows = await site.WithDbAsync(db => db.Comments.CountAsync(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved, Cancel));
        Assert.Equal((expected, expected), (await site.CountAsync(articleId), fromRows));
    }

    private async Task InScopeAsync<TService>(Func<TService, Task> action) where TService : notnull
    {
        using var scope = site.Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        using var scope = site.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
