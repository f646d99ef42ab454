using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Gazette.Tests.Media;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// Brotli and gzip on the wire (issue 11): what is compressed, that it decodes to what an uncompressed answer holds, that
/// a page-cache hit sends the bytes kept compressed, and what is never compressed (images, answers holding a secret).
/// </summary>
public sealed partial class CompressionTests(CompressionTests.Site site) : IClassFixture<CompressionTests.Site>
{
    /// <summary>
    /// Two articles with a comment each, the page cache on; every body the site compresses is counted (its own
    /// compression, as configured, with each encoder it picks wrapped to count the bodies it starts).
    /// </summary>
    public sealed class Site : EmptyGazetteFactory, IAsyncLifetime
    {
        private int compressions;

        public int Compressions => Volatile.Read(ref compressions);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var policy = services.Last(service => service.ServiceType == typeof(IResponseCompressionProvider));
                services.Remove(policy);
                services.AddSingleton<IResponseCompressionProvider>(provider =>
                    new Counting((IResponseCompressionProvider)ActivatorUtilities.CreateInstance(provider, policy.ImplementationType!), this));
            });
        }

        public async ValueTask InitializeAsync() => await WithDbAsync(async db =>
        {
            var ana = Author("Ana Writer");
            foreach (var title in new[] { "Wire story", "Kept story" })
            {
                var article = Article(title, Now.UtcDateTime.AddHours(-1), ana, body: "A body long enough to be worth compressing. " + string.Concat(Enumerable.Repeat("Words and more words. ", 40)));
                db.Add(article);
                await db.SaveChangesAsync();
                db.Add(Comment(article, "Reader", "A first comment.", Now.UtcDateTime.AddMinutes(-5)));
                article.CommentCount++;
                await db.SaveChangesAsync();
            }
        });

        private sealed class Counting(IResponseCompressionProvider policy, Site site) : IResponseCompressionProvider
        {
            public ICompressionProvider? GetCompressionProvider(HttpContext context) =>
                policy.GetCompressionProvider(context) is { } provider ? new Counted(provider, site) : null;

            public bool CheckRequestAcceptsCompression(HttpContext context) => policy.CheckRequestAcceptsCompression(context);

            public bool ShouldCompressResponse(HttpContext context) => policy.ShouldCompressResponse(context);
        }

        private sealed class Counted(ICompressionProvider provider, Site site) : ICompressionProvider
        {
            public string EncodingName => provider.EncodingName;
            public bool SupportsFlush => provider.SupportsFlush;

            public Stream CreateStream(Stream outputStream)
            {
                Interlocked.Increment(ref site.compressions);
                return provider.CreateStream(outputStream);
            }
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}.");
        return response;
    }

    /// <summary>The body as sent, decoded from its Content-Encoding (Brotli, gzip or none).</summary>
    internal static async Task<byte[]> DecodeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Stream? decoder = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            null => null,
            var other => throw new InvalidOperationException($"Unexpected Content-Encoding {other}."),
        };
        if (decoder is null)
        {
            return body;
        }
        await using (decoder)
        {
            using var decoded = new MemoryStream();
            await decoder.CopyToAsync(decoded, TestContext.Current.CancellationToken);
            return decoded.ToArray();
        }
    }

    [Theory]
    [InlineData("/", "br")]
    [InlineData("/", "gzip")]
    [InlineData("/articles/wire-story", "br")]
    [InlineData("/articles/wire-story", "gzip")]
    [InlineData("/feed", "br")]
    [InlineData("/comments/feed", "gzip")]
    [InlineData("/sitemap.xml", "br")]
    [InlineData("/api/v1/articles/wire-story/comments", "br")]
    [InlineData("/api/v1/articles/wire-story/comments", "gzip")]
    public async Task PagesFeedsAndTheApiAnswerInTheEncodingAskedForAndDecodeToTheUncompressedBytes(string url, string encoding)
    {
        using var client = site.CreateReader();
        using var plain = await GetAsync(client, url, acceptEncoding: null);
        var expected = await plain.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        using var compressed = await GetAsync(client, url, encoding);

        Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var body = await compressed.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(body.Length < expected.Length, $"{url} in {encoding}: {body.Length} bytes for {expected.Length}.");
        Assert.Equal(expected, await DecodeAsync(compressed));
    }

    [Fact]
    public async Task ABrowserOfferingBothGetsBrotli()
    {
        using var client = site.CreateReader();

        using var response = await GetAsync(client, "/articles/wire-story", "gzip, deflate, br, zstd");

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task APageCacheHitSendsTheBytesKeptCompressedWithoutCompressingThemAgain()
    {
        // Issue 11: the page cache kept uncompressed pages, so compressing would have cost every hit.
        using var client = site.CreateReader();
        var before = site.Compressions;

        using var miss = await GetAsync(client, "/articles/kept-story", "br");
        var missBody = await miss.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var afterMiss = site.Compressions;
        var hits = new List<byte[]>();
        for (var i = 0; i < 3; i++)
        {
            using var hit = await GetAsync(client, "/articles/kept-story", "br");
            Assert.NotNull(hit.Headers.Age);
            Assert.Equal("br", Assert.Single(hit.Content.Headers.ContentEncoding));
            Assert.Contains("Accept-Encoding", hit.Headers.Vary);
            hits.Add(await hit.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        }
        var afterHits = site.Compressions;
        using var gzip = await GetAsync(client, "/articles/kept-story", "gzip");

        Assert.Equal(before + 1, afterMiss);
        Assert.Equal(afterMiss, afterHits);
        Assert.All(hits, body => Assert.Equal(missBody, body));
        // Another encoding is another copy, compressed once too.
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        Assert.Equal(afterHits + 1, site.Compressions);
        Assert.Equal(await DecodeAsync(miss), await DecodeAsync(gzip));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task StylesheetsScriptsAndIconsAreSentAsCompressedWhenBuilt(string encoding)
    {
        using var client = site.CreateReader();
        var page = await site.GetPageAsync("/articles/wire-story");
        var files = page.QuerySelectorAll("link[rel=stylesheet], script[src]")
            .Select(element => element.GetAttribute("href") ?? element.GetAttribute("src")!).Append("/favicon.svg").ToList();
        var before = site.Compressions;

        foreach (var file in files)
        {
            using var plain = await GetAsync(client, file, acceptEncoding: null);
            using var compressed = await GetAsync(client, file, encoding);
            Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
            Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
            Assert.Equal(await plain.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), await DecodeAsync(compressed));
        }

        // The stylesheet, the discussion's scripts (discussion.js, drafts.js, embeds.js) and the icon.
        Assert.Equal(5, files.Count);
        // Read as the build compressed them: nothing compressed on the way.
        Assert.Equal(before, site.Compressions);
    }

    [Fact]
    public async Task ImagesAreNotCompressedAgain()
    {
        var media = Path.Combine(site.DataFolder, "media", "wire");
        Directory.CreateDirectory(media);
        await File.WriteAllBytesAsync(Path.Combine(media, "photo.jpg"), TestImages.Encode(64, 48, SKEncodedImageFormat.Jpeg), TestContext.Current.CancellationToken);
        using var client = site.CreateReader();

        using var image = await GetAsync(client, "/media/wire/photo.jpg", "br, gzip");

        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        Assert.Empty(image.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData("/account/sign-in?returnUrl=%2Farticles%2Fwire-story", "__RequestVerificationToken")]
    [InlineData("/account/sign-up?returnUrl=%2Farticles%2Fwire-story", "__RequestVerificationToken")]
    [InlineData("/api/v1/antiforgery", "\"token\"")]
    public async Task AnswersCarryingAnAntiforgeryTokenAreNotCompressed(string url, string token)
    {
        // BREACH: a secret compressed beside text an attacker chooses (here the return address) leaks through the sizes.
        using var client = site.CreateReader();

        using var response = await GetAsync(client, url, "br, gzip");

        Assert.Contains(token, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task PagesOfASignedInReaderAreNotCompressed()
    {
        using var reader = await site.SignInAsStaffAsync("wire-reader@example.com");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/articles/wire-story");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");

        using var response = await reader.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Signed in as", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task PagesOfAReaderWhoHasTakenPartAreNotCompressed()
    {
        using var client = site.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/articles/wire-story");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        request.Headers.Add("Cookie", $"{Gazette.Comments.Readers.GuestCookie}=any-reader");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task VersionedStylesheetsAndScriptsAreKeptAYearAndUnversionedOnesAreCheckedEachTime()
    {
        // Issue 11: versioned CSS and JS were served without any cache lifetime.
        var page = await site.GetPageAsync("/articles/wire-story");
        var stylesheet = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        var script = page.QuerySelector("script[src]")!.GetAttribute("src")!;
        using var client = site.CreateReader();

        using var versionedStylesheet = await GetAsync(client, stylesheet, "br");
        using var versionedScript = await GetAsync(client, script, acceptEncoding: null);
        using var unversioned = await GetAsync(client, "/css/site.css", "br");

        Assert.Matches(Fingerprinted(), stylesheet);
        Assert.Matches(Fingerprinted(), script);
        Assert.Equal("public, max-age=31536000, immutable", versionedStylesheet.Headers.CacheControl?.ToString());
        Assert.Equal("public, max-age=31536000, immutable", versionedScript.Headers.CacheControl?.ToString());
        Assert.Equal("no-cache", unversioned.Headers.CacheControl?.ToString());
        Assert.NotNull(unversioned.Headers.ETag);
    }

    /// <summary>A file name carrying its content's hash: /css/site.{hash}.css, /js/discussion.{hash}.js.</summary>
    [GeneratedRegex(@"^/(css|js)/[a-z]+\.[a-z0-9]{6,}\.(css|js)$")]
    private static partial Regex Fingerprinted();
}
