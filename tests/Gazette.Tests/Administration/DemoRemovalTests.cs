using System.Net;
using Gazette.Comments;
using Gazette.Demo;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Newsroom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Administration;

/// <summary>A site going live removes the demo it started with in one action, and keeps everything of its own.</summary>
public sealed class DemoRemovalTests
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAdministratorRemovesTheDemoInOneConfirmedActionAndTheSiteKeepsItsOwnArticles()
    {
        await using var site = new GazetteFactory();
        var (demoSlug, demoCategory, demoComments) = await site.WithDbAsync(async db =>
        {
            var first = await db.Articles.Where(a => a.IsDemo).OrderBy(a => a.Id).Select(a => new { a.Slug, a.CategoryId }).FirstAsync(Cancel);
            return (first.Slug, first.CategoryId!.Value, await db.Comments.CountAsync(Cancel));
        });
        var own = await site.WithDbAsync(async db =>
        {
            var article = Article("Our own story", GazetteFactory.Now.UtcDateTime.AddHours(-2), Author("Real Reporter"));
            article.CategoryId = demoCategory;
            db.Add(article);
            await db.SaveChangesAsync(Cancel);
            db.Add(Comment(article, "Neighbour", "Our own reader's comment.", GazetteFactory.Now.UtcDateTime.AddHours(-1)));
            var demoComment = await db.Comments.Where(c => c.Status == CommentStatus.Approved && c.ArticleId != article.Id).FirstAsync(Cancel);
            db.CommentVotes.Add(new CommentVote { CommentId = demoComment.Id, VoterKey = "g:someone", Value = 1, CastAt = GazetteFactory.Now.UtcDateTime });
            db.CommentFlags.Add(new CommentFlag { CommentId = demoComment.Id, ReaderKey = "g:someone", Reason = FlagReason.Spam, CreatedAt = GazetteFactory.Now.UtcDateTime });
            await db.SaveChangesAsync(Cancel);
            await CommentLifecycle.RecountAsync(db, [article.Id], Cancel);
            return article.Id;
        });
        using var admin = await site.SignInAsAdministratorAsync();
        var dashboard = await admin.GetPageAsync("/admin");
        Assert.Equal("/admin/demo", dashboard.QuerySelector(".demo-content form")!.GetAttribute("action"));

        var confirm = await admin.GetPageAsync("/admin/demo");
        Assert.Contains($"{demoComments:N0} comments", confirm.QuerySelector("main")!.TextContent);
        using var removed = await admin.Form(confirm, "main form").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var done = await admin.FollowAsync(removed);
        Assert.StartsWith("Removed the demo content:", done.QuerySelector(".form-done")!.TextContent);
        Assert.Contains("no demo content", done.QuerySelector("main")!.TextContent);
        await site.GetPageAsync($"/articles/{demoSlug}", 404);
        var home = await site.GetPageAsync("/");
        Assert.Equal(["Our own story"], home.QuerySelectorAll(".article-list h2, .article-list h3").Select(h => h.TextContent.Trim()).Distinct());
        var left = await site.WithDbAsync(async db => new
        {
            Articles = await db.Articles.Select(a => a.Id).ToListAsync(Cancel),
            Comments = await db.Comments.Select(c => c.ArticleId).Distinct().ToListAsync(Cancel),
            Votes = await db.CommentVotes.CountAsync(Cancel),
            Flags = await db.CommentFlags.CountAsync(Cancel),
            Authors = await db.Authors.Select(a => a.Name).ToListAsync(Cancel),
            Categories = await db.Categories.Select(c => c.Id).ToListAsync(Cancel),
            Count = await db.Articles.Where(a => a.Id == own).Select(a => a.CommentCount).SingleAsync(Cancel),
        });
        Assert.Equal([own], left.Articles);
        Assert.Equal([own], left.Comments);
        Assert.Equal((0, 0, 1), (left.Votes, left.Flags, left.Count));
        Assert.Equal(["Real Reporter"], left.Authors);
        Assert.Equal([demoCategory], left.Categories);
        Assert.Null((await admin.GetPageAsync("/admin")).QuerySelector(".demo-content"));
    }

    [Fact]
    public async Task AnEmptiedSiteIsNotFilledWithTheDemoAgainAtTheNextStart()
    {
        await using var site = new GazetteFactory();
        using (var scope = site.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoRemoval>().RemoveAsync(Cancel);
        }
        Assert.False(await site.WithDbAsync(db => db.Articles.AnyAsync(Cancel)));

        await site.WithDbAsync(db => site.Services.GetRequiredService<DemoLoader>().LoadIfEmptyAsync(db, site.DataFolder, Cancel));

        Assert.False(await site.WithDbAsync(db => db.Articles.AnyAsync(Cancel)));
        Assert.Equal("false", await site.WithDbAsync(db => db.SiteSettings.Where(s => s.Key == "Demo:Enabled").Select(s => s.Value).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task OnlyAnAdministratorMayRemoveTheDemo()
    {
        await using var site = new GazetteFactory();
        using var editor = await site.SignInAsEditorAsync();
        Assert.Null((await editor.GetPageAsync("/admin")).QuerySelector(".demo-content"));

        using var response = await editor.Http.GetAsync("/admin/demo", Cancel);

        await editor.AssertDeniedAsync(response);
        Assert.True(await site.WithDbAsync(db => db.Articles.AnyAsync(a => a.IsDemo, Cancel)));
    }
}
