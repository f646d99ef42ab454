using Gazette.Comments;
using Gazette.Demo;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Comments;

/// <summary>Issue 11: <c>Discussion:CommentBudget</c> is checked when the site starts, and a very large one shows everything.</summary>
public sealed class CommentBudgetSettingsTests
{
    private sealed class SiteWith(params (string Key, string Value)[] settings) : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-5")]
    public async Task ABudgetTooSmallForAPageOfRepliesStopsTheSiteNamingTheSetting(string budget)
    {
        await using var site = new SiteWith(("Discussion:CommentBudget", budget));

        var error = Record.Exception(() => site.Services);

        var validation = Assert.IsType<OptionsValidationException>(error is AggregateException aggregate ? aggregate.InnerException : error);
        Assert.Contains("CommentBudget", validation.Message);
    }

    [Fact]
    public async Task AVeryLargeBudgetWithAThousandThreadsAPageShowsEveryCommentTheDisplayDepthAllows()
    {
        await using var site = new SiteWith(("Discussion:CommentBudget", "1000000"), ("Discussion:ThreadsPerPage", "1000"));
        var pool = DemoContent.Read(Path.Combine(site.Services.GetRequiredService<DemoLoader>().ContentFolder, "demo-content.json")).CommentPool;
        var at = GazetteFactory.Now.UtcDateTime.AddDays(-1);
        var expected = await site.WithDbAsync(async db =>
        {
            var article = Article("Everything shown", at, Author("Ana Writer"));
            db.Add(article);
            await db.SaveChangesAsync();
            var comments = CommentGenerator.Generate(article.Id, at, at.AddDays(1), 2_000, pool, seed: 2_000);
            db.AddRange(comments);
            article.CommentCount = comments.Count;
            await db.SaveChangesAsync();
            return comments.Where(c => c.Depth < new DiscussionOptions().MaxDisplayDepth).Select(c => c.Id).Order().ToList();
        });

        var page = await site.GetPageAsync("/articles/everything-shown");

        Assert.Equal(expected, page.QuerySelectorAll("#comments li.comment").Select(li => int.Parse(li.Id!["comment-".Length..])).Order());
        Assert.Empty(page.QuerySelectorAll(".more-replies"));
    }
}
