using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Comments;

/// <summary>The count of top-level comments is kept in memory with the article; a new one must still add a page.</summary>
public sealed class PagerFollowsWritesTests
{
    private sealed class Site : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Discussion:ThreadsPerPage", "2")];
    }

    [Fact]
    public async Task NewTopLevelCommentAddsAPageAtOnce()
    {
        await using var site = new Site();
        await site.WithDbAsync(async db =>
        {
            var article = Article("Paged story", GazetteFactory.Now.UtcDateTime.AddHours(-2), Author("Ana Writer"));
            db.Add(article);
            await db.SaveChangesAsync();
            db.AddRange(Comment(article, "One", "first", GazetteFactory.Now.UtcDateTime.AddHours(-1)),
                Comment(article, "Two", "second", GazetteFactory.Now.UtcDateTime.AddMinutes(-30)));
            article.CommentCount = 2;
            await db.SaveChangesAsync();
        });
        var before = await site.GetPageAsync("/articles/paged-story");
        using var script = new ApiClient(site);

        await script.CommentAsync("paged-story", "third, on a page of its own");
        var after = await site.GetPageAsync("/articles/paged-story");
        var second = await site.GetPageAsync("/articles/paged-story?page=2");

        Assert.Null(before.QuerySelector(".comment-pager"));
        Assert.Equal("/articles/paged-story?page=2#comments", after.QuerySelector(".comment-pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("3. Anonymous\n", ShownComment.Outline(ThreadReader.Read(second)));
    }
}
