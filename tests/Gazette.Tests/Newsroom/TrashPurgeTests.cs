using System.Net;
using Gazette.Articles;
using Gazette.Newsroom;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Newsroom;

/// <summary>
/// Issue 16: a trashed article is kept for Newsroom:TrashDays, restorable with its discussion and answering 410 Gone,
/// then deleted for good with its comments. The class has a site of its own: it moves the clock.
/// </summary>
public sealed class TrashPurgeTests(TrashPurgeTests.Site site) : IClassFixture<TrashPurgeTests.Site>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    public sealed class Site : NewsroomSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Newsroom:TrashDays", "10")];

        public Task<IReadOnlyList<string>> PurgeAsync() => Services.GetRequiredService<TrashPurger>().PurgeDueAsync(Cancel);
    }

    [Fact]
    public async Task ATrashedArticleAnswers410ThenIsPurgedWithItsCommentsOnceItsDaysInTheTrashAreOver()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Purged in the end", "Publish now");
        using var reader = new ApiClient(site, "198.51.100.61");
        var comment = await reader.CommentAsync("purged-in-the-end", "Gone with it.");
        using (await (await editor.GetFormAsync($"/admin/articles/{id}", "form.trash-form")).SubmitAsync())
        {
        }

        var gone = await site.GetPageAsync("/articles/purged-in-the-end", 410);
        Assert.Equal("This article has been removed", gone.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal((DateTime?)site.UtcNow, await site.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.TrashedAt).SingleAsync(Cancel)));

        // The class's tests share the site and its clock: another test's article may fall due here too.
        site.Clock.Advance(TimeSpan.FromDays(10) - TimeSpan.FromMinutes(1));
        Assert.DoesNotContain("purged-in-the-end", await site.PurgeAsync());
        await site.GetPageAsync("/articles/purged-in-the-end", 410);

        site.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains("purged-in-the-end", await site.PurgeAsync());

        await site.GetPageAsync("/articles/purged-in-the-end", 404);
        Assert.False(await site.WithDbAsync(db => db.Articles.AnyAsync(a => a.Id == id, Cancel)));
        Assert.False(await site.WithDbAsync(db => db.Comments.AnyAsync(c => c.Id == comment, Cancel)));
        Assert.False(await site.WithDbAsync(db => db.ArticleRevisions.AnyAsync(r => r.ArticleId == id, Cancel)));
    }

    [Fact]
    public async Task AnArticleRestoredBeforeItsTimeIsNotPurgedAndComesBackWithItsDiscussion()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Saved from the bin", "Publish now");
        using var reader = new ApiClient(site, "198.51.100.62");
        var comment = await reader.CommentAsync("saved-from-the-bin", "Still here.");
        using (await (await editor.GetFormAsync($"/admin/articles/{id}", "form.trash-form")).SubmitAsync())
        {
        }
        site.Clock.Advance(TimeSpan.FromDays(9));
        using (await (await editor.GetFormAsync($"/admin/articles/{id}", "form.trash-form")).SubmitAsync())
        {
        }

        site.Clock.Advance(TimeSpan.FromDays(5));
        Assert.DoesNotContain("saved-from-the-bin", await site.PurgeAsync());

        var page = await site.GetPageAsync("/articles/saved-from-the-bin");
        Assert.NotNull(page.QuerySelector($"#comment-{comment}"));
        Assert.Null(await site.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.TrashedAt).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task ATrashedDraftThatWasNeverPublicStaysAPlainNotFound()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Never out draft", "Save");
        using (await (await editor.GetFormAsync($"/admin/articles/{id}", "form.trash-form")).SubmitAsync())
        {
        }

        await site.GetPageAsync("/articles/never-out-draft", (int)HttpStatusCode.NotFound);
    }
}
