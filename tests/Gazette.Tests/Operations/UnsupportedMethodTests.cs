using System.Net;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Gazette.Tests.Operations;

/// <summary>
/// A method an address does not take (TRACE, PROPFIND, CONNECT, an invented FOO) answers 405 with an Allow header
/// listing those it does take, or 404 where there is nothing; never 500, and nothing is logged as an error. TRACE /
/// answered 500 with a stack trace in the log on a dozen pages (issue 11).
/// </summary>
public sealed class UnsupportedMethodTests(UnsupportedMethodTests.Site site) : IClassFixture<UnsupportedMethodTests.Site>
{
    /// <summary>The demo site, keeping everything logged at Warning and above.</summary>
    public sealed class Site : GazetteFactory
    {
        public TestLogSink Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => Logs.AddTo(logging, "", LogLevel.Warning));
        }
    }

    public static readonly TheoryData<string, string, string> Requests = Combine(
        ["TRACE", "PROPFIND", "CONNECT", "FOO"],
        [
            ("/", "GET, HEAD"),
            ("/articles/corvex-nova-7-review", "GET, HEAD"),
            ("/articles/corvex-nova-7-review/comment", "GET, HEAD, POST"),
            ("/archive", "GET, HEAD"),
            ("/category/phones", "GET, HEAD"),
            ("/search?q=battery", "GET, HEAD"),
            ("/feed", "GET"),
            ("/comments/feed", "GET"),
            ("/sitemap.xml", "GET"),
            ("/admin", "GET, HEAD"),
            ("/admin/articles", "GET, HEAD"),
            ("/account/sign-in", "GET, HEAD, POST"),
            ("/account/sign-up", "GET, HEAD, POST"),
            ("/api/v1/articles/corvex-nova-7-review/comments", "GET, POST"),
            ("/api/v1/antiforgery", "GET"),
            ("/health/live", "GET, HEAD"),
        ]);

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task AMethodAPageDoesNotTakeIsAnswered405WithWhatItTakes(string method, string url, string allowed)
    {
        using var client = site.CreateReader();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allowed.Split(", "), response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        AssertNothingLoggedAsAnError(url);
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("PROPFIND")]
    [InlineData("FOO")]
    public async Task AMethodOnAnAddressWhereThereIsNothingIsAnswered404(string method)
    {
        using var client = site.CreateReader();
        using var request = new HttpRequestMessage(new HttpMethod(method), "/no-such-page");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertNothingLoggedAsAnError("/no-such-page");
    }

    [Fact]
    public async Task ABrowserIsToldWhatHappenedInWords()
    {
        using var client = site.CreateReader();
        using var request = new HttpRequestMessage(new HttpMethod("TRACE"), "/");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("That can’t be done at this address", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private void AssertNothingLoggedAsAnError(string url)
    {
        var errors = site.Logs.Messages.Where(m => m.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, $"After {url}: {string.Join("\n", errors.Select(e => $"{e.Category}: {e.Message}"))}");
    }

    private static TheoryData<string, string, string> Combine(string[] methods, (string Url, string Allowed)[] pages)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var method in methods)
        {
            foreach (var (url, allowed) in pages)
            {
                data.Add(method, url, allowed);
            }
        }
        return data;
    }
}
