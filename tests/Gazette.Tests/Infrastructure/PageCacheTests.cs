using Gazette.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Infrastructure;

public sealed class PageCacheTests
{
    private sealed class CachedSite(bool enabled) : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("PageCache:Enabled", enabled ? "true" : "false")];
    }

    private static async Task ArrangeAsync(GazetteFactory site)
    {
        await site.WithDbAsync(async db =>
        {
            db.Add(Article("Cached story", GazetteFactory.Now.UtcDateTime.AddHours(-1), Author("Ana Writer")));
            await db.SaveChangesAsync();
        });
    }

    /// <summary>What a comment write does to the stored data, without the page cache knowing.</summary>
    private static Task AddCommentBehindTheCacheAsync(GazetteFactory site) => site.WithDbAsync(async db =>
    {
        var article = db.Articles.Single(a => a.Slug == "cached-story");
        db.Add(Comment(article, "Reader", "Fresh comment", GazetteFactory.Now.UtcDateTime));
        article.CommentCount++;
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task CachedPagesStayUntilTheirArticleIsEvicted()
    {
        await using var site = new CachedSite(enabled: true);
        await ArrangeAsync(site);
        await site.GetPageAsync("/articles/cached-story");
        await site.GetPageAsync("/");
        await AddCommentBehindTheCacheAsync(site);

        var stale = await site.GetPageAsync("/articles/cached-story");
        var staleHome = await site.GetPageAsync("/");
        await site.Services.GetRequiredService<SiteCache>().ArticleChangedAsync("cached-story", TestContext.Current.CancellationToken);
        var fresh = await site.GetPageAsync("/articles/cached-story");
        var freshHome = await site.GetPageAsync("/");

        Assert.Equal("No comments", stale.QuerySelector("#comments-title")!.TextContent);
        Assert.Equal("No comments", staleHome.QuerySelector(".comment-count")!.TextContent);
        Assert.Equal("1 comment", fresh.QuerySelector("#comments-title")!.TextContent);
        Assert.Equal("1 comment", freshHome.QuerySelector(".comment-count")!.TextContent);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task SecondViewComesFromThePageCacheOnlyWhenItIsOn(bool enabled, bool cached)
    {
        await using var site = new CachedSite(enabled);
        await ArrangeAsync(site);
        using var client = site.CreateReader();
        using var first = await client.GetAsync("/articles/cached-story", TestContext.Current.CancellationToken);

        using var second = await client.GetAsync("/articles/cached-story", TestContext.Current.CancellationToken);

        Assert.Equal(cached, second.Headers.Age is not null);
    }

    [Fact]
    public async Task CommentPostedThroughTheSiteShowsAtOnceDespiteTheCaches()
    {
        await using var site = new CachedSite(enabled: true);
        await ArrangeAsync(site);
        await site.GetPageAsync("/articles/cached-story");
        await site.GetPageAsync("/");
        using var script = new ApiClient(site);

        await script.CommentAsync("cached-story", "Fresh through the front door");

        Assert.Equal("1 comment", (await site.GetPageAsync("/articles/cached-story")).QuerySelector("#comments-title")!.TextContent);
        Assert.Equal("1 comment", (await site.GetPageAsync("/")).QuerySelector(".comment-count")!.TextContent);
    }

    [Fact]
    public async Task NotFoundPagesAreNotCached()
    {
        await using var site = new CachedSite(enabled: true);
        await site.GetPageAsync("/articles/cached-story", expectedStatus: 404);
        await ArrangeAsync(site);

        await site.GetPageAsync("/articles/cached-story");
    }
}
