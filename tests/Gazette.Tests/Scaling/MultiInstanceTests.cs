using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Privacy;
using Gazette.Tests.Discovery;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Scaling;

/// <summary>
/// Two real Gazette processes sharing one PostgreSQL database and one Redis, directly and through
/// nginx with deploy/nginx.conf: what a reader does through one instance holds on the other (issue 6).
/// </summary>
[Collection(ProcessTests.Name)]
public sealed class MultiInstanceTests(TwoProcesses site) : IClassFixture<TwoProcesses>
{
    [Fact]
    public async Task SignInOnAIsHonouredByB()
    {
        site.Require();
        using var onA = TwoProcesses.Browser(site.A.Address);
        await Members.SignUpAndSignInAsync(onA, "roaming@example.com", "Roaming Reader", "Roaming-Password-42");

        using var onB = TwoProcesses.On(site.B.Address, onA);
        var page = await onB.GetPageAsync("/");

        Assert.Contains("Roaming Reader", page.QuerySelector(".account-nav .account-name")?.TextContent ?? "(signed out on B)");
    }

    [Fact]
    public async Task CommentPostedThroughAIsOnTheArticlePageOfBAtOnce()
    {
        site.RequireRedis();
        using var readerOfB = site.B.CreateClient();
        // B has the page in its cache: read twice, as any busy article is.
        for (var i = 0; i < 2; i++)
        {
            using var before = await readerOfB.GetAsync(site.ArticlePath, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        using var writer = TwoProcesses.Browser(site.A.Address);
        const string text = "Posted through A, read on B at once.";

        using var posted = await Readers.PostCommentAsync(writer, site.ArticlePath, text);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var onB = await readerOfB.GetStringAsync(site.ArticlePath, TestContext.Current.CancellationToken);
        Assert.Contains(text, onB);
    }

    [Fact]
    public async Task RateLimitReachedThroughAHoldsOnB()
    {
        site.RequireRedis();
        using var onA = TwoProcesses.Browser(site.A.Address);
        using var onB = TwoProcesses.On(site.B.Address, onA);
        foreach (var browser in new[] { onA, onB })
        {
            // One reader's address, as nginx forwards it.
            browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.77");
        }
        for (var i = 0; i < TwoProcesses.CommentsPerIp; i++)
        {
            using var allowed = await Readers.PostCommentAsync(i % 2 == 0 ? onA : onB, site.ArticlePath, $"Within the allowance, {i + 1}.");
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }

        using var refused = await Readers.PostCommentAsync(TwoProcesses.CommentsPerIp % 2 == 0 ? onA : onB, site.ArticlePath, "One too many.");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task NginxSendsRequestsToBothInstancesAndTheSessionHoldsOnEach()
    {
        site.Require();
        ExternalTools.Require(site.Nginx is not null, Nginx.Missing);
        using var reader = TwoProcesses.Browser(site.Nginx!.Address);
        await Members.SignUpAndSignInAsync(reader, "proxied@example.com", "Proxied Reader", "Proxied-Password-42");

        var names = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var page = await reader.GetPageAsync(site.ArticlePath);
            names.Add(page.QuerySelector(".account-nav .account-name")?.TextContent ?? "(signed out)");
        }

        Assert.All(names, name => Assert.Contains("Proxied Reader", name));
        var upstreams = site.Nginx.UpstreamPorts();
        Assert.Contains(site.A.Port, upstreams);
        Assert.Contains(site.B.Port, upstreams);
    }

    [Fact]
    public async Task ThroughNginxGazetteSeesEachReadersOwnAddress()
    {
        site.Require();
        ExternalTools.Require(site.Nginx is not null, Nginx.Missing);
        using var first = Readers.BrowserFrom(site.Nginx!.Address, "127.0.0.2");
        using var second = Readers.BrowserFrom(site.Nginx.Address, "127.0.0.3");
        // A reader cannot pass for another by sending the header themselves: nginx replaces it.
        second.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");

        using var fromFirst = await Readers.PostCommentAsync(first, site.ArticlePath, "From the first reader's address.");
        using var fromSecond = await Readers.PostCommentAsync(second, site.ArticlePath, "From the second reader's address.");

        Assert.Equal(HttpStatusCode.Redirect, fromFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fromSecond.StatusCode);
        var hasher = new IpHasher(Options.Create(new StorageOptions()), Options.Create(new PrivacyOptions { IpHashKey = TwoProcesses.IpHashKey }), null!);
        Assert.Equal(hasher.Hash(IPAddress.Parse("127.0.0.2")), await IpHashOfAsync("From the first reader's address."));
        Assert.Equal(hasher.Hash(IPAddress.Parse("127.0.0.3")), await IpHashOfAsync("From the second reader's address."));
    }

    [Fact]
    public async Task ThroughNginxPagesArriveAsGazetteCompressedThemAndAReadersOwnPagesUncompressed()
    {
        // Issue 11: nginx passes Gazette's Brotli on untouched, and does not compress what Gazette leaves uncompressed
        // because it holds one reader's secret (BREACH), even under a main configuration saying "gzip on".
        site.Require();
        ExternalTools.Require(site.Nginx is not null, Nginx.Missing);
        using var client = new HttpClient { BaseAddress = site.Nginx!.Address };

        using var plain = await SendAsync(client, site.ArticlePath, acceptEncoding: null);
        using var brotli = await SendAsync(client, site.ArticlePath, "br, gzip");
        using var participant = await SendAsync(client, site.ArticlePath, "br, gzip", $"{Gazette.Comments.Readers.GuestCookie}=a-reader");

        Assert.Equal("br", Assert.Single(brotli.Content.Headers.ContentEncoding));
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), await CompressionTests.DecodeAsync(brotli));
        Assert.Empty(participant.Content.Headers.ContentEncoding);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string? acceptEncoding, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private Task<string> IpHashOfAsync(string body) =>
        site.Postgres.ScalarAsync<string>("gazette", $"""SELECT "IpHash" FROM "Comments" WHERE "Body" = '{body.Replace("'", "''", StringComparison.Ordinal)}'""");
}

/// <summary>The tests that run Gazette, PostgreSQL and nginx as processes take turns: two cores run one such set at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessTests
{
    public const string Name = "Gazette processes";
}
