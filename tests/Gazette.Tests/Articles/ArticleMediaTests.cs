using Gazette.Articles;
using Gazette.Core.Media;
using Gazette.Core.Text;
using Gazette.Media;
using Gazette.Tests.Discovery;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Media;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Articles;

/// <summary>Article pages show stored images through picture and srcset at their size, and embeds as facades (issue 16).</summary>
public sealed class ArticleMediaTests(EmptyGazetteFactory site) : IClassFixture<EmptyGazetteFactory>
{
    private async Task<SavedImage> UploadAsync(byte[] content) =>
        await site.Services.GetRequiredService<ImageUploads>().SaveAsync(new MemoryStream(content), TestContext.Current.CancellationToken);

    private async Task PublishAsync(string title, string body, SavedImage? featured = null)
    {
        var html = ArticleMarkdown.ToHtml(body, site.Services.GetRequiredService<StoredImages>().Find);
        await site.WithDbAsync(async db =>
        {
            var article = Article(title, GazetteFactory.Now.UtcDateTime.AddHours(-1), Author($"Writer of {title}"), body: body);
            article.BodyHtml = html;
            article.Image = featured is null ? null
                : new FeaturedImage { Path = featured.Path, Alt = "A chart", Width = featured.Width, Height = featured.Height, Kind = featured.Kind };
            db.Articles.Add(article);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
    }

    [Fact]
    public async Task AFeaturedPngIsOfferedAsWebpWithAPngFallbackOfItsSize()
    {
        var saved = await UploadAsync(TestImages.Encode(1200, 675, SKEncodedImageFormat.Png, seed: 21));
        await PublishAsync("A featured chart", "Text.", saved);

        var page = await site.GetPageAsync("/articles/a-featured-chart");

        var source = page.QuerySelector(".featured-image > picture > source")!;
        Assert.Equal("image/webp", source.GetAttribute("type"));
        Assert.Equal($"/media/{saved.Path}-480.webp 480w, /media/{saved.Path}-960.webp 960w, /media/{saved.Path}-1600.webp 1200w", source.GetAttribute("srcset"));
        var img = page.QuerySelector(".featured-image > picture > img")!;
        Assert.Equal($"/media/{saved.Path}-960.png", img.GetAttribute("src"));
        Assert.Equal(("1200", "675", "A chart"), (img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("alt")));
        Assert.Null(img.GetAttribute("loading"));
        Assert.EndsWith($"/media/{saved.Path}-1600.png", page.QuerySelector("meta[property='og:image']")!.GetAttribute("content"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyImageFromTheLibraryIsAFigureWithAPictureOfItsSizeLoadedLazily()
    {
        var saved = await UploadAsync(TestImages.Encode(800, 600, SKEncodedImageFormat.Jpeg, seed: 22));
        await PublishAsync("A figure in the body", $"Before.\n\n![Red and blue]({saved.Url(MediaRenditions.Middle)} \"Two colours | Photo: Ana Lee\")\n\nAfter.");

        var page = await site.GetPageAsync("/articles/a-figure-in-the-body");

        var figure = page.QuerySelector(".story-body figure")!;
        Assert.Equal($"/media/{saved.Path}-480.webp 480w, /media/{saved.Path}-960.webp 800w", figure.QuerySelector("picture > source[type='image/webp']")!.GetAttribute("srcset"));
        var img = figure.QuerySelector("picture > img")!;
        Assert.Equal(($"/media/{saved.Path}-960.jpg", "800", "600"), (img.GetAttribute("src"), img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal(("lazy", "async"), (img.GetAttribute("loading"), img.GetAttribute("decoding")));
        Assert.Equal("Photo: Ana Lee", figure.QuerySelector("figcaption .credit")!.TextContent);
    }

    [Fact]
    public async Task APageWithAnEmbedAllowsOnlyItsProvidersFrameAndOthersAllowNone()
    {
        await PublishAsync("An embedded video", "Watch:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nhttps://mastodon.social/@Gargron/109302468939470287");
        await PublishAsync("No embed", "Just https://www.youtube.com/watch?v=dQw4w9WgXcQ in a sentence.");
        using var client = site.CreateReader();

        foreach (var time in new[] { "first", "cached" })
        {
            using var embedded = await client.GetAsync("/articles/an-embedded-video", TestContext.Current.CancellationToken);
            var policy = embedded.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-src https://mastodon.social https://www.youtube-nocookie.com;", policy);
            Assert.Contains("script-src 'self';", policy);
            Assert.Contains("frame-ancestors 'self'", policy);
            using var plain = await client.GetAsync("/articles/no-embed", TestContext.Current.CancellationToken);
            Assert.DoesNotContain("frame-src", plain.Headers.GetValues("Content-Security-Policy").Single());
        }
        var page = await site.GetPageAsync("/articles/an-embedded-video");
        Assert.Equal(2, page.QuerySelectorAll(".story-body .embed a[href]").Length);
        Assert.Empty(page.QuerySelectorAll("iframe"));
    }

    [Fact]
    public async Task AnArticleWithFiguresPicturesAndEmbedsHasNoHtmlErrors()
    {
        var java = ExternalTools.OnPath("java");
        ExternalTools.Require(java is not null && File.Exists(HtmlValidityTests.VnuJar), "Java and vnu.jar are needed: npm ci --prefix tests/tools");
        var saved = await UploadAsync(TestImages.Encode(900, 500, SKEncodedImageFormat.Png, seed: 23));
        await PublishAsync("Checked markup", $"Intro ![inline]({saved.Url(480)}) text.\n\n![A chart]({saved.Url(960)} \"Caption | Credit\")\n\n" +
            "https://vimeo.com/76979871\n\nhttps://bsky.app/profile/jay.bsky.team/post/3juflvdzlgk2w", saved);
        using var client = site.CreateReader();
        var folder = Directory.CreateTempSubdirectory("gazette-html-").FullName;
        try
        {
            var page = Path.Combine(folder, "article.html");
            await File.WriteAllTextAsync(page, await client.GetStringAsync("/articles/checked-markup", TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
            var broken = Path.Combine(folder, "broken.html");
            await File.WriteAllTextAsync(broken, "<!DOCTYPE html><html lang=\"en\"><head><title>Broken</title></head><body><picture><p>x</p></picture></body></html>", TestContext.Current.CancellationToken);

            var run = await ExternalTools.RunAsync(java!, ["-jar", HtmlValidityTests.VnuJar, "--errors-only", "--format", "gnu", page, broken], TimeSpan.FromMinutes(3));

            var lines = (run.Error + "\n" + run.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(lines, line => line.Contains("broken.html", StringComparison.Ordinal)); // the checker works
            Assert.DoesNotContain(lines, line => line.Contains("article.html", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
