using System.Net;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Comments;

public sealed class VotingTests(DiscussionSite site) : IClassFixture<DiscussionSite>
{
    private const string Slug = "open-story";

    private static async Task<(HttpStatusCode Status, int? Score)> VoteAsync(ApiClient voter, int id, int value)
    {
        using var response = await voter.PostAsync($"/api/v1/comments/{id}/vote", new { value });
        var json = await ApiClient.JsonAsync(response);
        return (response.StatusCode, json.TryGetProperty("score", out var score) && score.ValueKind == System.Text.Json.JsonValueKind.Number ? score.GetInt32() : null);
    }

    [Fact]
    public async Task OneVotePerReaderChangeableNeverCountedTwice()
    {
        using var author = site.Script("192.0.2.1");
        using var reader = site.Script("192.0.2.2");
        var id = await author.CommentAsync(Slug, "Vote on me");

        var first = await VoteAsync(reader, id, 1);
        var again = await VoteAsync(reader, id, 1);
        var changed = await VoteAsync(reader, id, -1);
        var withdrawn = await VoteAsync(reader, id, 0);

        Assert.Equal((HttpStatusCode.OK, 1), first);
        Assert.Equal((HttpStatusCode.OK, 1), again);
        Assert.Equal((HttpStatusCode.OK, -1), changed);
        Assert.Equal((HttpStatusCode.OK, 0), withdrawn);
    }

    [Fact]
    public async Task GuestWhoClearsCookiesStillVotesOnceFromTheSameAddress()
    {
        using var author = site.Script("192.0.2.10");
        var id = await author.CommentAsync(Slug, "Popular?");
        using (var guest = site.Script("192.0.2.11"))
        {
            await VoteAsync(guest, id, 1);
        }

        using var sameGuestNewCookies = site.Script("192.0.2.11");
        using var neighbour = site.Script("192.0.2.12");
        var repeat = await VoteAsync(sameGuestNewCookies, id, 1);
        var other = await VoteAsync(neighbour, id, 1);

        Assert.Equal(1, repeat.Score);
        Assert.Equal(2, other.Score);
    }

    [Fact]
    public async Task ScoreIsShownOnThePage()
    {
        using var author = site.Script("192.0.2.20");
        var id = await author.CommentAsync(Slug, "Scored");
        foreach (var ip in new[] { "192.0.2.21", "192.0.2.22", "192.0.2.23" })
        {
            using var voter = site.Script(ip);
            await VoteAsync(voter, id, ip.EndsWith('3') ? -1 : 1);
        }

        var page = await site.GetPageAsync(DiscussionSite.Open);

        Assert.Equal("1", page.QuerySelector($"#comment-{id} .comment-score")!.TextContent);
    }

    [Fact]
    public async Task VotingOnOnesOwnCommentIsRefused()
    {
        using var author = site.Script("192.0.2.30");
        var id = await author.CommentAsync(Slug, "Self-love");

        var vote = await VoteAsync(author, id, 1);

        Assert.Equal(HttpStatusCode.Conflict, vote.Status);
    }

    [Theory]
    [InlineData(2, HttpStatusCode.BadRequest)]
    [InlineData(-5, HttpStatusCode.BadRequest)]
    public async Task VoteOutsideUpDownOrWithdrawIsRefused(int value, HttpStatusCode status)
    {
        using var author = site.Script("192.0.2.40");
        using var reader = site.Script("192.0.2.41");
        var id = await author.CommentAsync(Slug, "Bounds");

        Assert.Equal(status, (await VoteAsync(reader, id, value)).Status);
    }

    [Fact]
    public async Task VoteOnAMissingCommentIsNotFound()
    {
        using var reader = site.Script("192.0.2.50");

        Assert.Equal(HttpStatusCode.NotFound, (await VoteAsync(reader, 999_999, 1)).Status);
    }

    [Fact]
    public async Task VoteWithoutJavaScriptGoesThroughTheVotePage()
    {
        using var author = site.Script("192.0.2.60");
        var id = await author.CommentAsync(Slug, "Vote by form");
        using var browser = site.Browser();
        var page = await site.GetPageAsync(DiscussionSite.Open);
        var voteLink = page.QuerySelector($"#comment-{id} a.vote-up")!.GetAttribute("href")!;
        var form = await browser.GetFormAsync(voteLink, "form.vote-form");

        using var response = await browser.Http.PostAsync(form.Action,
            new FormUrlEncodedContent(form.Values.Append(new("Value", "1"))), TestContext.Current.CancellationToken);

        var after = await browser.GetPageAsync(DiscussionSite.Open);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("1", after.QuerySelector($"#comment-{id} .comment-score")!.TextContent);
        // The page remembers the reader's vote, so the script can show the arrow pressed after a reload.
        Assert.Equal("1", after.GetElementById($"comment-{id}")!.GetAttribute("data-my-vote"));
        Assert.Null((await site.GetPageAsync(DiscussionSite.Open)).GetElementById($"comment-{id}")!.GetAttribute("data-my-vote"));
    }
}
