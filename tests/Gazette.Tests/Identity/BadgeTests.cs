using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Identity;

/// <summary>Issue 15: who is speaking, in the thread, the live fragment and the API alike.</summary>
public sealed class BadgeTests(IdentitySite site) : IClassFixture<IdentitySite>
{
    [Theory]
    [InlineData("Ana Writer", "Author")]
    [InlineData("Eddie Editor", "Editor")]
    [InlineData("Mo Moderator", "Moderator")]
    [InlineData("Mia Member", "Member")]
    public async Task EachMembersCommentCarriesTheirBadgeAndTheArticlesWriterIsItsAuthor(string name, string badge)
    {
        var page = await site.GetPageAsync(IdentitySite.Open);

        var comment = page.GetElementById($"comment-{site.CommentOf[name]}")!;
        Assert.Equal(badge, comment.QuerySelector(".comment-meta .badge")!.TextContent);
    }

    [Fact]
    public async Task AGuestHasNoBadgeAndIsSaidToBeAGuest()
    {
        var page = await site.GetPageAsync(IdentitySite.Open);

        var comment = page.GetElementById($"comment-{site.CommentOf["Gus Guest"]}")!;
        Assert.Null(comment.QuerySelector(".badge"));
        Assert.Equal("(guest)", comment.QuerySelector(".comment-meta .visually-hidden")!.TextContent);
    }

    [Fact]
    public async Task ARoleGivenToAMemberShowsOnPagesAlreadyCached()
    {
        using var rita = await site.SignInAsStaffAsync("rita@example.org");
        var write = await rita.GetFormAsync(IdentitySite.Open + "/comment", "form.comment-form");
        using var posted = await write.Set("Body", "Rita, a reader for now").SubmitAsync();
        var commentId = posted.Headers.Location!.OriginalString.Split('/').Last();
        var before = await site.GetPageAsync(IdentitySite.Open);
        using var admin = await site.SignInAsAdministratorAsync();
        var ritaId = before.GetElementById($"comment-{commentId}")!.QuerySelector("a.comment-author")!.GetAttribute("href")!.Split('/').Last();
        var roles = await admin.GetFormAsync($"/admin/users/{ritaId}", "form.user-form");

        using var saved = await roles.Check("Input.Roles").SubmitAsync();

        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Member", before.GetElementById($"comment-{commentId}")!.QuerySelector(".badge")!.TextContent);
        var after = await site.GetPageAsync(IdentitySite.Open);
        Assert.Equal("Administrator", after.GetElementById($"comment-{commentId}")!.QuerySelector(".badge")!.TextContent);
    }

    [Fact]
    public async Task TheLiveFragmentCarriesTheSameBadge()
    {
        var fragment = await site.GetPageAsync($"/comments/{site.CommentOf["Eddie Editor"]}/live");

        Assert.Equal("Editor", fragment.QuerySelector(".comment-meta .badge")!.TextContent);
    }

    [Fact]
    public async Task TheApiNamesEachCommentsBadge()
    {
        using var script = site.Script();

        using var response = await script.Http.GetAsync("/api/v1/articles/open-story/comments", TestContext.Current.CancellationToken);

        var comments = (await ApiClient.JsonAsync(response)).GetProperty("comments").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetInt32());
        Assert.Equal("Author", comments[site.CommentOf["Ana Writer"]].GetProperty("badge").GetString());
        Assert.Equal("Editor", comments[site.CommentOf["Eddie Editor"]].GetProperty("badge").GetString());
        Assert.Equal("Member", comments[site.CommentOf["Mia Member"]].GetProperty("badge").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, comments[site.CommentOf["Gus Guest"]].GetProperty("badge").ValueKind);
        Assert.Equal($"/members/{site.MiaId}", comments[site.CommentOf["Mia Member"]].GetProperty("profile").GetString());
    }
}
