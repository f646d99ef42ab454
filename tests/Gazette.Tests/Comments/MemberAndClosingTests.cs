using System.Net;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Comments;

public sealed class MemberCommentTests(DiscussionSite site) : IClassFixture<DiscussionSite>
{
    private Task<FormClient> SignedUpAsync(string email, string name) => Members.VerifiedAsync(site, email, name, "Correct-Horse-42");

    [Fact]
    public async Task SignedInReaderCommentsUnderTheirAccountName()
    {
        using var member = await SignedUpAsync("marta@example.org", "Marta ✍️");
        var page = await member.GetPageAsync(DiscussionSite.Open + "/comment");
        var form = member.Form(page, "form.comment-form");

        using var posted = await form.Set("Body", "Posted with my account").SubmitAsync();
        var id = posted.Headers.Location!.OriginalString.Split('/').Last();
        var article = await member.GetPageAsync(DiscussionSite.Open);

        Assert.Contains("Commenting as Marta ✍️", page.QuerySelector(".form-hint")!.TextContent);
        Assert.Null(page.QuerySelector("#AuthorName"));
        Assert.Equal("Marta ✍️", article.QuerySelector($"#comment-{id} .comment-author")!.TextContent);
        Assert.NotNull(article.QuerySelector($"#comment-{id} a.edit"));
    }

    [Fact]
    public async Task MemberCannotChangeAnotherMembersComment()
    {
        using var author = await SignedUpAsync("author@example.org", "Author");
        using var other = await SignedUpAsync("other@example.org", "Other");
        var form = await author.GetFormAsync(DiscussionSite.Open + "/comment", "form.comment-form");
        using var posted = await form.Set("Body", "Mine").SubmitAsync();
        var id = posted.Headers.Location!.OriginalString.Split('/').Last();

        await other.GetPageAsync($"/comments/{id}/delete", expectedStatus: 403);
        await author.GetPageAsync($"/comments/{id}/delete");
    }
}

public sealed class ClosingTests(ClosingTests.Site site) : IClassFixture<ClosingTests.Site>
{
    /// <summary>Discussions close 30 days after publication.</summary>
    public sealed class Site : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Discussion:CloseAfterDays", "30")];

        public Site()
        {
            WithDbAsync(async db =>
            {
                var author = Author("Ana Writer");
                db.AddRange(Article("Fresh story", Now.UtcDateTime.AddDays(-29), author), Article("Old story", Now.UtcDateTime.AddDays(-31), author));
                await db.SaveChangesAsync();
            }).GetAwaiter().GetResult();
        }
    }

    [Fact]
    public async Task CommentsCloseAutomaticallyTheConfiguredNumberOfDaysAfterPublication()
    {
        using var script = new ApiClient(site);

        using var fresh = await script.PostAsync("/api/v1/articles/fresh-story/comments", new { body = "Still open" });
        using var old = await script.PostAsync("/api/v1/articles/old-story/comments", new { body = "Too late" });
        var oldPage = await site.GetPageAsync("/articles/old-story");

        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, old.StatusCode);
        Assert.Equal("Comments are closed on this article.", (await ApiClient.JsonAsync(old)).GetProperty("detail").GetString());
        Assert.NotNull(oldPage.QuerySelector(".comments-closed"));
        Assert.Null(oldPage.QuerySelector("a.write-comment"));
    }
}
