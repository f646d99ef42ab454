using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using Gazette.Tests.Discovery;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Scaling;

namespace Gazette.Tests.Operations;

/// <summary>
/// A form over the size limit cannot even be read: the reader is told it was too large, with the status that says so
/// (413, or 400 when the form reader met the limit), never "page not found". Kestrel and nginx enforce their limits,
/// so a real process, alone and behind nginx with deploy/nginx.conf.
/// </summary>
public sealed class TooLargeTests(TooLargeTests.Site site) : IClassFixture<TooLargeTests.Site>
{
    [Fact]
    public async Task FormOverKestrelsLimitIsAnsweredThatItWasTooLarge()
    {
        // Kestrel answers as soon as it sees the length, and closes: a client that waits for "100 Continue" before the
        // body (curl does for large bodies) reads that answer; one that is still sending may see the connection reset.
        using var response = await PostHugeCommentAsync(site.Gazette.Address, 31 * 1024 * 1024, expectContinue: true);

        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"Answered {response.StatusCode}.");
        Assert.Equal("That was too large to send", await HeadingAsync(response));
    }

    [Fact]
    public async Task FormOverNginxsLimitIsAnsweredWithGazettesPage()
    {
        ExternalTools.Require(site.Nginx is not null, Nginx.Missing);

        using var response = await PostHugeCommentAsync(site.Nginx!.Address, 26 * 1024 * 1024, expectContinue: false);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("That was too large to send", await HeadingAsync(response));
    }

    /// <summary>The comment form of the first article, sent as multipart with a file of this size attached, as a browser would.</summary>
    private static async Task<HttpResponseMessage> PostHugeCommentAsync(Uri address, int bytes, bool expectContinue)
    {
        var cookies = new CookieContainer();
        using var browser = TwoProcesses.Browser(address, cookies);
        var home = await browser.GetPageAsync("/");
        var article = home.QuerySelector("a[href^='/articles/']")!.GetAttribute("href")!;
        var form = await browser.GetFormAsync(article + "/comment", "form.comment-form");

        var body = new MultipartFormDataContent();
        foreach (var (name, value) in form.Set("Body", "A comment with a huge attachment").Values)
        {
            body.Add(new StringContent(value), name);
        }
        body.Add(new ByteArrayContent(new byte[bytes]), "Attachment", "huge.bin");
        using var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = body };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.ExpectContinue = expectContinue;
        // The client sends the body anyway when "100 Continue" is late (a second by default): on a loaded machine it then
        // wrote into a connection Kestrel had closed. It waits for the answer here, as curl does for longer.
        using var sender = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true, Expect100ContinueTimeout = TimeSpan.FromMinutes(1),
        }) { BaseAddress = address };
        return await sender.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<string?> HeadingAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var page = await BrowsingContext.New().OpenAsync(r => r.Content(html), TestContext.Current.CancellationToken);
        return page.QuerySelector("h1")?.TextContent;
    }

    /// <summary>One Gazette process on SQLite with its demo content, and nginx in front of it when nginx is installed.</summary>
    public sealed class Site : IAsyncLifetime
    {
        private readonly string folder = Directory.CreateTempSubdirectory("gazette-too-large-").FullName;

        public GazetteInstance Gazette { get; private set; } = null!;
        public Nginx? Nginx { get; private set; }

        public async ValueTask InitializeAsync()
        {
            Gazette = await GazetteInstance.StartAsync("too-large", new Dictionary<string, string?> { ["Storage:DataFolder"] = folder });
            if (Scaling.Nginx.Installed)
            {
                Nginx = await Scaling.Nginx.StartAsync([Gazette]);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Nginx is not null)
            {
                await Nginx.DisposeAsync();
            }
            await Gazette.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
