using System.Net;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Identity;

/// <summary>Issue 15: a member's public page, reached from their name, with only what everyone may read.</summary>
public sealed class MemberPageTests(IdentitySite site) : IClassFixture<IdentitySite>
{
    [Fact]
    public async Task AMembersPageShowsOnlyTheirPublicComments()
    {
        var page = await site.GetPageAsync($"/members/{site.MiaId}");

        Assert.Equal("Mia Member", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Member", page.QuerySelector(".member-facts .badge")!.TextContent);
        var comments = page.QuerySelectorAll(".member-comment").ToList();
        var only = Assert.Single(comments);
        Assert.Equal($"/comments/{site.CommentOf["Mia Member"]}", only.QuerySelector("a.comment-permalink")!.GetAttribute("href"));
        Assert.Equal("/articles/open-story", only.QuerySelector(".comment-meta a")!.GetAttribute("href"));
        Assert.DoesNotContain("Not public", page.Body!.TextContent);
    }

    [Fact]
    public async Task AMembersNameInTheThreadLeadsToTheirPageAndAGuestsToNothing()
    {
        var page = await site.GetPageAsync(IdentitySite.Open);

        var member = page.GetElementById($"comment-{site.CommentOf["Eddie Editor"]}")!.QuerySelector(".comment-author")!;
        var guest = page.GetElementById($"comment-{site.CommentOf["Gus Guest"]}")!.QuerySelector(".comment-author")!;
        Assert.Equal("A", member.TagName);
        Assert.Equal($"/members/{site.EddieId}", member.GetAttribute("href"));
        Assert.Equal("SPAN", guest.TagName);
    }

    [Fact]
    public async Task AStaffMembersPageCarriesTheirRoleAndIsNotForSearchEngines()
    {
        var page = await site.GetPageAsync($"/members/{site.MoId}");

        Assert.Equal("Moderator", page.QuerySelector(".member-facts .badge")!.TextContent);
        Assert.Equal("noindex, follow", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.StartsWith("/avatars/", page.QuerySelector("img.member-avatar")!.GetAttribute("src"));
    }

    [Fact]
    public async Task AModeratorReachesAMembersPageFromTheQueue()
    {
        using var moderator = await site.SignInAsStaffAsync("mo@example.org", Gazette.Accounts.Roles.Moderator);

        var queue = await moderator.GetPageAsync("/admin/moderation");

        var card = queue.QuerySelectorAll("a.member-page-link").Select(a => a.GetAttribute("href")).Distinct();
        Assert.Equal([$"/members/{site.MiaId}"], card);
    }

    [Theory]
    [InlineData("/members/nobody")]
    [InlineData("/members/{mia}?page=2")]
    public async Task AMemberOrAPageThatDoesNotExistIsNotFound(string url)
    {
        using var http = site.CreateClient();

        using var response = await http.GetAsync(url.Replace("{mia}", site.MiaId), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
