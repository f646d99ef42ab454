using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gazette.Accounts;
using Gazette.Tests.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Privacy;

/// <summary>
/// One IPv6 host owns a whole /64 and may use any address in it: per-address limits, vote and flag de-duplication and
/// bans count the prefix, not the address (issue 11). IPv4 addresses are counted one by one, as before. Each test uses
/// prefixes of its own, as allowances are kept for the life of the site.
/// </summary>
public sealed class Ipv6ClientTests(Ipv6ClientTests.Site site) : IClassFixture<Ipv6ClientTests.Site>
{
    public sealed class Site : DiscussionSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            .. base.Settings,
            new("RateLimits:Comments:PerIp", "3"), new("RateLimits:Comments:WindowSeconds", "3600"),
            new("Privacy:IpHashKey", HashKey),
        ];
    }

    /// <summary>The site grouping IPv6 by /48, as for a provider that gives each customer a /48.</summary>
    public sealed class Slash48Site : DiscussionSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [.. base.Settings, new("Privacy:Ipv6PrefixLength", "48")];
    }

    private const string HashKey = "a key of this test site, 32 characters or more";
    private const string Slug = "open-story";
    private const string CommentsApi = $"/api/v1/articles/{Slug}/comments";

    private static async Task<HttpStatusCode> PostAsync(ApiClient script, string body)
    {
        using var response = await script.PostAsync(CommentsApi, new { body });
        return response.StatusCode;
    }

    private static async Task<int?> VoteAsync(ApiClient voter, int id)
    {
        using var response = await voter.PostAsync($"/api/v1/comments/{id}/vote", new { value = 1 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ApiClient.JsonAsync(response)).GetProperty("score").GetInt32();
    }

    private static async Task FlagAsync(FormClient reader, int commentId)
    {
        var form = await reader.GetFormAsync($"/comments/{commentId}/flag", "form.flag-form");
        using var sent = await form.Set("Reason", "Spam").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
    }

    private FormClient BrowserFrom(string address)
    {
        var browser = site.Browser();
        browser.Http.DefaultRequestHeaders.Add(ApiClient.ClientIpHeader, address);
        return browser;
    }

    [Fact]
    public async Task TwoAddressesInOneSlash64ShareTheAddressAllowance()
    {
        // Fresh scripts each time: every write is a reader of their own, held only by the address's allowance of 3.
        var statuses = new List<HttpStatusCode>();
        foreach (var address in new[] { "2001:db8:a:1::1", "2001:db8:a:1::2", "2001:db8:a:1:ffff:ffff:ffff:ffff", "2001:db8:a:1::4" })
        {
            using var script = site.Script(address);
            statuses.Add(await PostAsync(script, $"From {address}"));
        }
        using var nextPrefix = site.Script("2001:db8:a:2::1");

        var fromNextPrefix = await PostAsync(nextPrefix, "From the next /64");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Created, fromNextPrefix);
    }

    [Fact]
    public async Task Ipv4NeighboursStillHaveAnAllowanceEach()
    {
        for (var i = 0; i < 3; i++)
        {
            using var script = site.Script("198.51.100.40");
            Assert.Equal(HttpStatusCode.Created, await PostAsync(script, $"IPv4 comment {i}"));
        }
        using var again = site.Script("198.51.100.40");
        using var neighbour = site.Script("198.51.100.41");
        using var mapped = site.Script("::ffff:198.51.100.40");

        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(again, "One too many"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(mapped, "The same address written as IPv6"));
        Assert.Equal(HttpStatusCode.Created, await PostAsync(neighbour, "From next door"));
    }

    [Fact]
    public async Task Ipv4HashesAreMadeAsBeforeSoStoredOnesKeepTheirMeaning()
    {
        using var script = site.Script("198.51.100.42");

        var id = await script.CommentAsync(Slug, "Hashed as ever.");

        var stored = await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.IpHash).SingleAsync(TestContext.Current.CancellationToken));
        var before = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HashKey), Encoding.ASCII.GetBytes("::ffff:198.51.100.42")));
        Assert.Equal(before, stored);
    }

    [Fact]
    public async Task TwoAddressesInOneSlash64AreOneVoter()
    {
        using var author = site.Script("192.0.2.50");
        var id = await author.CommentAsync(Slug, "Vote on me, once per household.");
        using var first = site.Script("2001:db8:b:1::10");
        using var sameHost = site.Script("2001:db8:b:1:1234:5678:9abc:def0");
        using var elsewhere = site.Script("2001:db8:b:2::10");

        var afterFirst = await VoteAsync(first, id);
        var afterSameHost = await VoteAsync(sameHost, id);
        var afterElsewhere = await VoteAsync(elsewhere, id);

        Assert.Equal((1, 1, 2), (afterFirst, afterSameHost, afterElsewhere));
    }

    [Fact]
    public async Task TwoAddressesInOneSlash64AreOneFlagger()
    {
        using var author = site.Script("192.0.2.51");
        var id = await author.CommentAsync(Slug, "Flag me, once per household.");
        using var first = BrowserFrom("2001:db8:f:1::10");
        using var sameHost = BrowserFrom("2001:db8:f:1::11");
        using var elsewhere = BrowserFrom("2001:db8:f:2::10");

        await FlagAsync(first, id);
        await FlagAsync(sameHost, id);
        await FlagAsync(elsewhere, id);

        Assert.Equal(2, await site.WithDbAsync(db => db.CommentFlags.CountAsync(f => f.CommentId == id, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task ABanOnAnIpv6AddressCatchesItsWholeSlash64()
    {
        using var moderator = await site.SignInAsStaffAsync("ipv6.moderator@example.com", Roles.Moderator);
        var form = await moderator.GetFormAsync("/admin/moderation/bans/new", "form.ban-form");
        using var banned = await form.Set("Input.Kind", "Ip").Set("Input.Value", "2001:db8:c:1::99").Set("Input.Reason", "Flooding from IPv6.").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, banned.StatusCode);
        using var sameHost = site.Script("2001:db8:c:1:abcd::1");
        using var elsewhere = site.Script("2001:db8:c:2::99");

        var fromSameHost = await PostAsync(sameHost, "Another address, the same host.");
        var fromElsewhere = await PostAsync(elsewhere, "Another household.");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Created), (fromSameHost, fromElsewhere));
    }

    [Fact]
    public async Task TheIpv6PrefixLengthIsASetting()
    {
        await using var slash48 = new Slash48Site();
        using var author = slash48.Script("192.0.2.52");
        var id = await author.CommentAsync(Slug, "Vote on me, once per /48.");
        using var first = slash48.Script("2001:db8:d:1::10");
        using var sameSlash48 = slash48.Script("2001:db8:d:2::10");
        using var nextSlash48 = slash48.Script("2001:db8:e:1::10");

        var afterFirst = await VoteAsync(first, id);
        var afterSameSlash48 = await VoteAsync(sameSlash48, id);
        var afterNextSlash48 = await VoteAsync(nextSlash48, id);

        Assert.Equal((1, 1, 2), (afterFirst, afterSameSlash48, afterNextSlash48));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("129")]
    public void APrefixLengthOutsideOneTo128StopsTheSiteSayingWhichSetting(string length)
    {
        using var wrong = new WrongPrefixSite(length);

        var refused = Assert.ThrowsAny<Exception>(() => wrong.CreateClient());

        Assert.Contains("Ipv6PrefixLength", refused.ToString());
    }

    private sealed class WrongPrefixSite(string length) : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Privacy:Ipv6PrefixLength", length)];
    }
}
