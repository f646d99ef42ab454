using Gazette.Administration;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Infrastructure;

public sealed class PageCacheTests
{
    private class CachedSite(bool enabled) : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("PageCache:Enabled", enabled ? "true" : "false")];
    }

    /// <summary>
    /// A site where a request can ask for a change to happen after its page's data was read and before the page is
    /// rendered and stored (header <see cref="ChangeWhileRendering"/>): what a write by another reader, or a message from
    /// another instance, does when it lands in the middle of a page.
    /// </summary>
    private sealed class RacingSite() : CachedSite(enabled: true)
    {
        public const string ChangeWhileRendering = "X-Test-Change-While-Rendering";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Configure<MvcOptions>(mvc => mvc.Filters.Add(new ChangeFilter())));
        }

        private sealed class ChangeFilter : IAsyncPageFilter
        {
            public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

            public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
            {
                await next();
                var services = context.HttpContext.RequestServices;
                switch (context.HttpContext.Request.Headers[ChangeWhileRendering].ToString())
                {
                    case "comment":
                        var db = services.GetRequiredService<GazetteDb>();
                        var article = db.Articles.Single(a => a.Slug == "cached-story");
                        db.Add(Comment(article, "Reader", "Written while the page rendered", GazetteFactory.Now.UtcDateTime));
                        article.CommentCount++;
                        await db.SaveChangesAsync();
                        await services.GetRequiredService<SiteCache>().ArticleChangedAsync("cached-story", CancellationToken.None);
                        break;
                    case "settings":
                        await services.GetRequiredService<SiteSettingsStore>().LoadAsync();
                        break;
                }
            }
        }
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

    /// <summary>The article page, by a new reader, with this change made while it renders; returns its HTML.</summary>
    private static async Task<string> ReadWhileChangingAsync(RacingSite site, string change)
    {
        using var client = site.CreateReader();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/articles/cached-story") { Headers = { { RacingSite.ChangeWhileRendering, change } } };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task APageRenderedFromWhatAWriteChangedMeanwhileIsNotKept()
    {
        await using var site = new RacingSite();
        await ArrangeAsync(site);
        var raced = await ReadWhileChangingAsync(site, "comment");

        var next = await site.GetPageAsync("/articles/cached-story");

        Assert.Contains("No comments", raced); // read before the write: that page is out of date as it leaves
        Assert.Equal("1 comment", next.QuerySelector("#comments-title")!.TextContent);
    }

    [Fact]
    public async Task APageRenderedWhileTheSettingsAreReadAgainIsNotKept()
    {
        await using var site = new RacingSite();
        await ArrangeAsync(site);
        await ReadWhileChangingAsync(site, "settings");
        using var client = site.CreateReader();

        using var next = await client.GetAsync("/articles/cached-story", TestContext.Current.CancellationToken);
        using var third = await client.GetAsync("/articles/cached-story", TestContext.Current.CancellationToken);

        Assert.Null(next.Headers.Age); // rendered again, not the page that spanned the reload
        Assert.NotNull(third.Headers.Age); // and that one is kept as usual
    }
}
