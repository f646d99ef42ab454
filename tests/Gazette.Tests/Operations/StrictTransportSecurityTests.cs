using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gazette.Tests.Operations;

/// <summary>
/// Under HTTPS, whether Gazette terminates it or a proxy it trusts says so in X-Forwarded-Proto, every answer tells the
/// browser to come back over HTTPS only (Strict-Transport-Security, a year by default); over plain HTTP, from a client
/// that is not a proxy, or in Development, it does not (issue 11: there was no HSTS at all).
/// </summary>
public sealed class StrictTransportSecurityTests(StrictTransportSecurityTests.Site site) : IClassFixture<StrictTransportSecurityTests.Site>
{
    private const string Host = "news.example.org";

    public sealed class Site : EmptyGazetteFactory;

    [Fact]
    public async Task HttpsAtTheProxyGetsTheHeader()
    {
        using var response = await GetAsync(site, "/", forwardedProto: "https", from: "127.0.0.1");

        Assert.Equal("max-age=31536000", Header(response));
    }

    [Theory]
    [InlineData("/feed")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/antiforgery")]
    [InlineData("/account/sign-in")]
    public async Task EveryAnswerUnderHttpsGetsItErrorsToo(string url)
    {
        using var response = await GetAsync(site, url, forwardedProto: "https", from: "127.0.0.1");

        Assert.Equal("max-age=31536000", Header(response));
    }

    [Fact]
    public async Task HttpsToGazetteItselfGetsTheHeader()
    {
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"https://{Host}"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("max-age=31536000", Header(response));
    }

    [Fact]
    public async Task PlainHttpDoesNotGetIt()
    {
        using var response = await GetAsync(site, "/", forwardedProto: null, from: "127.0.0.1");

        Assert.Null(Header(response));
    }

    [Fact]
    public async Task APageCachedUnderHttpsIsSentWithoutItOverHttp()
    {
        (await GetAsync(site, "/archive", forwardedProto: "https", from: "127.0.0.1")).Dispose();

        using var response = await GetAsync(site, "/archive", forwardedProto: null, from: "127.0.0.1");

        Assert.Null(Header(response));
    }

    [Fact]
    public async Task HttpsClaimedByAClientThatIsNotAProxyDoesNotGetIt()
    {
        using var response = await GetAsync(site, "/", forwardedProto: "https", from: "203.0.113.9");

        Assert.Null(Header(response));
    }

    [Fact]
    public async Task SubdomainsAndPreloadAreTheSitesToChoose()
    {
        await using var configured = new ConfiguredSite();

        using var response = await GetAsync(configured, "/", forwardedProto: "https", from: "127.0.0.1");

        Assert.Equal("max-age=63072000; includeSubDomains; preload", Header(response));
    }

    [Fact]
    public async Task DevelopmentDoesNotSendIt()
    {
        await using var development = new DevelopmentSite();

        using var response = await GetAsync(development, "/", forwardedProto: "https", from: "127.0.0.1");

        Assert.Null(Header(response));
    }

    [Fact]
    public void PreloadWithoutSubdomainsStopsTheSiteSayingWhy()
    {
        using var wrong = new PreloadOnlySite();

        var refused = Assert.ThrowsAny<Exception>(() => wrong.CreateClient());

        Assert.Contains("Hsts:Preload", refused.ToString());
    }

    private sealed class ConfiguredSite : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Hsts:MaxAgeDays", "730"), new("Hsts:IncludeSubDomains", "true"), new("Hsts:Preload", "true")];
    }

    private sealed class PreloadOnlySite : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Hsts:Preload", "true")];
    }

    private sealed class DevelopmentSite : EmptyGazetteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(GazetteFactory site, string url, string? forwardedProto, string from)
    {
        using var client = site.CreateReader();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = Host;
        request.Headers.Add(ApiClient.ClientIpHeader, from);
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string? Header(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Strict-Transport-Security", out var values) ? string.Join(", ", values) : null;
}
