using System.Net;
using System.Net.Http.Headers;
using AngleSharp;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// An error status that comes without a page of its own gets one that keeps the status and says what it means: a
/// reader is never told "page not found" for a request that was found but refused.
/// </summary>
public sealed class StatusPageTests(EmptyGazetteFactory site) : IClassFixture<EmptyGazetteFactory>
{
    [Fact]
    public async Task RequestOfAKindAnAddressDoesNotTakeKeepsItsStatusAndSaysSo()
    {
        using var client = site.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/feed");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("That can’t be done at this address", await HeadingAsync(response));
    }

    [Theory]
    [InlineData(404, "We couldn’t find that page")]
    [InlineData(403, "You can’t open this page")]
    [InlineData(413, "That was too large to send")]
    [InlineData(500, "Something went wrong on our side")]
    [InlineData(200, "We couldn’t find that page")]
    public async Task StatusAddressAnswersWithItsStatusAndItsWords(int code, string heading)
    {
        using var client = site.CreateClient();

        using var response = await client.GetAsync($"/status/{code}", TestContext.Current.CancellationToken);

        Assert.Equal(code is >= 400 and <= 599 ? code : 404, (int)response.StatusCode);
        Assert.Equal(heading, await HeadingAsync(response));
    }

    private static async Task<string?> HeadingAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var page = await BrowsingContext.New().OpenAsync(r => r.Content(html), TestContext.Current.CancellationToken);
        return page.QuerySelector("h1")?.TextContent;
    }
}
