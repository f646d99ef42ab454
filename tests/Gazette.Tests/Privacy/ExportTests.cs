using System.Net;
using System.Text.Json;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Privacy;

/// <summary>/account/data and its download: everything about the reader who asks, and nothing about anyone else.</summary>
public sealed class ExportTests(PrivacySite site) : IClassFixture<PrivacySite>
{
    private static async Task<(HttpResponseMessage Response, string Text, JsonElement Json)> DownloadAsync(FormClient browser)
    {
        var response = await browser.Http.GetAsync("/account/data/export", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, text, JsonDocument.Parse(text).RootElement);
    }

    [Fact]
    public async Task AMemberDownloadsTheirAccountCommentsVotesAndFlagsAndNobodyElses()
    {
        using var alice = await site.SignUpAsync("alice@example.com", "Alice");
        using var bob = await site.SignUpAsync("bob@example.com", "Bob Other");
        var aliceId = await site.UserIdAsync("alice@example.com");
        var mine = await PrivacySite.CommentAsync(alice, "Alice's first words");
        var edit = await alice.GetFormAsync($"/comments/{mine}/edit", "form.comment-form");
        using (await edit.Set("Body", "Alice's better words").SubmitAsync()) { }
        var bobs = await PrivacySite.CommentAsync(bob, "Bob's private thoughts", replyTo: mine);
        await PrivacySite.VoteAsync(alice, bobs, 1);
        await PrivacySite.VoteAsync(bob, mine, -1);
        await site.WithDbAsync(async db =>
        {
            db.CommentFlags.Add(new CommentFlag { CommentId = bobs, ReaderKey = $"u:{aliceId}", Reason = FlagReason.OffTopic, Note = "Not about phones", CreatedAt = GazetteFactory.Now.UtcDateTime });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var secrets = await site.WithDbAsync(async db => new[]
        {
            (await db.Users.SingleAsync(u => u.Id == aliceId, TestContext.Current.CancellationToken)).PasswordHash!,
            (await db.Comments.SingleAsync(c => c.Id == bobs, TestContext.Current.CancellationToken)).IpHash!,
        });

        var (response, text, json) = await DownloadAsync(alice);

        using (response)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("gazette-data-2026-03-10.json", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
            Assert.True(response.Headers.CacheControl!.NoStore);
        }
        var account = json.GetProperty("account");
        Assert.Equal("alice@example.com", account.GetProperty("email").GetString());
        Assert.Equal("Alice", account.GetProperty("displayName").GetString());
        Assert.Equal(aliceId, account.GetProperty("id").GetString());

        var comment = Assert.Single(json.GetProperty("comments").EnumerateArray());
        Assert.Equal(mine, comment.GetProperty("id").GetInt32());
        Assert.Equal("Alice's better words", comment.GetProperty("body").GetString());
        Assert.Equal("Approved", comment.GetProperty("status").GetString());
        Assert.Equal("Open story", comment.GetProperty("article").GetProperty("title").GetString());
        Assert.EndsWith("/articles/open-story", comment.GetProperty("article").GetProperty("url").GetString());
        Assert.EndsWith($"/comments/{mine}", comment.GetProperty("url").GetString());
        Assert.Equal("Alice's first words", Assert.Single(comment.GetProperty("earlierVersions").EnumerateArray()).GetProperty("body").GetString());
        Assert.Equal("2026-03-10T12:00:00Z", comment.GetProperty("createdAt").GetString());

        var vote = Assert.Single(json.GetProperty("votes").EnumerateArray());
        Assert.Equal(bobs, vote.GetProperty("commentId").GetInt32());
        Assert.Equal(1, vote.GetProperty("value").GetInt32());
        var flag = Assert.Single(json.GetProperty("flags").EnumerateArray());
        Assert.Equal(bobs, flag.GetProperty("commentId").GetInt32());
        Assert.Equal("OffTopic", flag.GetProperty("reason").GetString());

        // Nothing of Bob's but the address of the comment voted on and flagged; no password hash; no one else's IP hash.
        Assert.DoesNotContain("Bob's private thoughts", text);
        Assert.DoesNotContain("bob@example.com", text);
        Assert.DoesNotContain("Bob Other", text);
        Assert.DoesNotContain(secrets[0], text);
        Assert.DoesNotContain(secrets[1], text);
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("securityStamp", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AGuestDownloadsWhatTheirCookieWrote()
    {
        using var guest = site.Script("203.0.113.50");
        using var other = site.Script("203.0.113.51");
        var own = await guest.CommentAsync("open-story", "A guest's own comment", name: "Gus");
        await other.CommentAsync("open-story", "Another guest's comment", name: "Olga");

        using var response = await guest.Http.GetAsync("/account/data/export", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(text).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(json.GetProperty("guest").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("account").ValueKind);
        var comment = Assert.Single(json.GetProperty("comments").EnumerateArray());
        Assert.Equal(own, comment.GetProperty("id").GetInt32());
        Assert.Equal("Gus", comment.GetProperty("authorName").GetString());
        Assert.DoesNotContain("Another guest", text);
        Assert.DoesNotContain("Olga", text);
    }

    [Fact]
    public async Task SomeoneWithNeitherAccountNorCookieHasNothingToDownload()
    {
        using var stranger = site.CreateReader();

        using var response = await stranger.GetAsync("/account/data/export", TestContext.Current.CancellationToken);
        var page = await site.GetPageAsync("/account/data");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("the site keeps nothing about you", page.QuerySelector(".your-data")!.TextContent);
        Assert.Null(page.QuerySelector("a[href='/account/data/export']"));
    }

    [Fact]
    public async Task TheDataPageSaysWhatIsKeptAndLinksTheDownloadAndDeletion()
    {
        using var reader = await site.SignUpAsync("page-reader@example.com", "Page Reader");
        await PrivacySite.CommentAsync(reader, "One comment for the page");

        var page = await reader.GetPageAsync("/account/data");

        Assert.Contains("written 1 comment, cast 0 votes and flagged 0 comments", System.Text.RegularExpressions.Regex.Replace(page.QuerySelector(".account-lead")!.TextContent, @"\s+", " "));
        Assert.NotNull(page.QuerySelector("a.button[href='/account/data/export'][download]"));
        Assert.NotNull(page.QuerySelector("a[href='/account/delete']"));
        Assert.NotNull(page.QuerySelector(".account-nav a[href='/account/data']"));
    }
}
