using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Operations;

/// <summary>
/// Behind a reverse proxy the reader's address and scheme come from X-Forwarded-For and X-Forwarded-Proto, believed
/// only from the proxies Gazette trusts: rate limits and IP hashes are per reader, not per proxy (issue 6).
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Reader = "198.51.100.23";

    [Fact]
    public async Task ProxyOnThisMachineGivesTheReadersAddress()
    {
        await using var site = new OperationsSite();

        var hash = await CommentIpHashAsync(site, connection: "127.0.0.1", forwardedFor: Reader);

        Assert.Equal(HashOf(site, Reader), hash);
    }

    [Fact]
    public async Task ClientThatIsNotAProxyCannotChooseItsAddress()
    {
        await using var site = new OperationsSite();

        var hash = await CommentIpHashAsync(site, connection: "203.0.113.9", forwardedFor: Reader);

        Assert.Equal(HashOf(site, "203.0.113.9"), hash);
    }

    [Fact]
    public async Task ConfiguredProxiesReplaceThisMachine()
    {
        await using var site = new ProxySite();

        var fromProxy = await CommentIpHashAsync(site, connection: "10.0.0.7", forwardedFor: Reader);
        var fromLoopback = await CommentIpHashAsync(site, connection: "127.0.0.1", forwardedFor: "198.51.100.99");

        Assert.Equal(HashOf(site, Reader), fromProxy);
        Assert.Equal(HashOf(site, "127.0.0.1"), fromLoopback);
    }

    [Fact]
    public async Task HttpsAtTheProxyMakesCookiesSecure()
    {
        await using var site = new OperationsSite();
        using var client = site.CreateReader();
        client.DefaultRequestHeaders.Add(OperationsSite.ClientIpHeader, "127.0.0.1");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        using var response = await client.GetAsync("/account/sign-in", TestContext.Current.CancellationToken);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ProxyThatIsNotAnAddressStopsTheSiteSayingWhichSetting()
    {
        using var site = new WrongProxySite();

        var refused = Assert.ThrowsAny<Exception>(() => site.CreateClient());

        Assert.Contains("ForwardedHeaders: KnownProxies must be IP addresses", refused.ToString());
    }

    private sealed class WrongProxySite : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ForwardedHeaders:KnownProxies:0", "nginx.internal")];
    }

    private sealed class ProxySite : OperationsSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ForwardedHeaders:KnownProxies:0", "10.0.0.7")];
    }

    private static string? HashOf(OperationsSite site, string address) =>
        site.Services.GetRequiredService<IpHasher>().Hash(IPAddress.Parse(address));

    private static async Task<string?> CommentIpHashAsync(OperationsSite site, string connection, string forwardedFor)
    {
        using var script = new ApiClient(site, connection);
        script.Http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        using var posted = await script.SendAsync(HttpMethod.Post, "/api/v1/articles/calm-story/comments", new { body = $"From {forwardedFor} via {connection}" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt32();
        return await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.IpHash).SingleAsync(TestContext.Current.CancellationToken));
    }
}
