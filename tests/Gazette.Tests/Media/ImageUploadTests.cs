using System.Text;
using Gazette.Articles;
using Gazette.Core.Media;
using Gazette.Media;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Media;

/// <summary>Uploads checked by content, stored in three JPEG widths and served for a year under /media.</summary>
public sealed class ImageUploadTests(EmptyGazetteFactory site) : IClassFixture<EmptyGazetteFactory>
{
    private Task<SavedImage> UploadAsync(byte[] content) =>
        site.Services.GetRequiredService<ImageUploads>().SaveAsync(new MemoryStream(content), TestContext.Current.CancellationToken);

    private async Task<ImageRejectedException> RefusedAsync(byte[] content) =>
        await Assert.ThrowsAsync<ImageRejectedException>(() => UploadAsync(content));

    /// <summary>GETs one rendition as a browser would and decodes it.</summary>
    private async Task<SKBitmap> FetchAsync(string url)
    {
        using var client = site.CreateReader();
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}.");
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        var png = url.EndsWith(".png", StringComparison.Ordinal);
        Assert.Equal(png ? "image/png" : "image/jpeg", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
        Assert.Equal(png ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        return SKBitmap.Decode(codec, codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Unpremul));
    }

    private static string Url(SavedImage image, int width) => image.Url(width);

    private static void AssertColor(SKColor expected, SKColor actual)
    {
        var distance = Math.Abs(expected.Red - actual.Red) + Math.Abs(expected.Green - actual.Green) + Math.Abs(expected.Blue - actual.Blue);
        Assert.True(distance < 40, $"Expected about {expected}, found {actual}.");
    }

    [Fact]
    public async Task JpegIsStoredInThreeWidthsServedForAYear()
    {
        var saved = await UploadAsync(TestImages.Encode(2000, 1200, SKEncodedImageFormat.Jpeg));

        Assert.Matches("^uploads/[0-9a-f]{32}$", saved.Path);
        Assert.Equal((1600, 960), (saved.Width, saved.Height));
        foreach (var (width, height) in new[] { (480, 288), (960, 576), (1600, 960) })
        {
            using var rendition = await FetchAsync(Url(saved, width));
            Assert.Equal((width, height), (rendition.Width, rendition.Height));
            AssertColor(TestImages.Red, rendition.GetPixel(width / 4, height / 2));
            AssertColor(TestImages.Blue, rendition.GetPixel(width * 3 / 4, height / 2));
        }
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public async Task TransparentImagesStayLosslessWithTheirTransparencyAndAreNeverUpscaled(SKEncodedImageFormat format)
    {
        var saved = await UploadAsync(TestImages.TransparentLeftHalf(800, 600, format));

        Assert.Equal(ImageKind.Png, saved.Kind);
        Assert.Equal((800, 600), (saved.Width, saved.Height));
        foreach (var (width, expected) in new[] { (480, (480, 360)), (960, (800, 600)), (1600, (800, 600)) })
        {
            using var rendition = await FetchAsync(Url(saved, width));
            Assert.Equal(expected, (rendition.Width, rendition.Height));
            Assert.Equal(0, rendition.GetPixel(rendition.Width / 4, rendition.Height / 2).Alpha);
            AssertColor(TestImages.Green, rendition.GetPixel(rendition.Width * 3 / 4, rendition.Height / 2));
        }
    }

    [Fact]
    public async Task OpaqueWebpIsAccepted()
    {
        var saved = await UploadAsync(TestImages.Encode(1000, 500, SKEncodedImageFormat.Webp));

        Assert.Equal((1000, 500), (saved.Width, saved.Height));
        using var smallest = await FetchAsync(Url(saved, 480));
        Assert.Equal((480, 240), (smallest.Width, smallest.Height));
    }

    [Fact]
    public async Task AnimatedGifKeepsItsFirstFrameAsALosslessPng()
    {
        var saved = await UploadAsync(TestImages.AnimatedGif(600, 400));

        Assert.Equal((600, 400), (saved.Width, saved.Height));
        foreach (var width in FeaturedImage.Widths)
        {
            using var rendition = await FetchAsync(Url(saved, width));
            Assert.Equal(0, rendition.GetPixel(rendition.Width / 4, rendition.Height / 2).Alpha);
            AssertColor(TestImages.Red, rendition.GetPixel(rendition.Width * 3 / 4, rendition.Height / 2));
        }
    }

    [Fact]
    public async Task ExifOrientationTurnsThePictureUpright()
    {
        // Stored 1200 × 600, red on the left; orientation 6 shows it turned a quarter clockwise: 600 × 1200, red on top.
        var saved = await UploadAsync(TestImages.JpegWithOrientation(1200, 600, orientation: 6));

        Assert.Equal((600, 1200), (saved.Width, saved.Height));
        using var rendition = await FetchAsync(Url(saved, 480));
        Assert.Equal((480, 960), (rendition.Width, rendition.Height));
        AssertColor(TestImages.Red, rendition.GetPixel(240, 240));
        AssertColor(TestImages.Blue, rendition.GetPixel(240, 720));
    }

    [Fact]
    public async Task TheSameContentUploadedTwiceIsStoredOnce()
    {
        var content = TestImages.Encode(1000, 700, SKEncodedImageFormat.Png, seed: 7);
        var first = await UploadAsync(content);
        var files = FeaturedImage.Widths.Select(w => Path.Combine(site.DataFolder, "media", $"{first.Path}-{w}.png")).ToList();
        var written = files.Select(File.GetLastWriteTimeUtc).ToList();
        foreach (var file in files)
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        var second = await UploadAsync(content);

        Assert.Equal(first, second);
        Assert.All(files, file => Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(file)));
        Assert.Empty(Directory.GetFiles(Path.Combine(site.DataFolder, "media", "uploads"), "*.tmp"));
    }

    public static TheoryData<string, byte[]> NotImages => new()
    {
        { "text named .jpg", Encoding.UTF8.GetBytes("This is a holiday photo, honest.\n") },
        { "SVG", Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>""") },
        { "HTML", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>") },
        { "PDF", Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n") },
        { "BMP", [(byte)'B', (byte)'M', 70, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 24, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0] },
        { "truncated JPEG", TestImages.Encode(800, 600, SKEncodedImageFormat.Jpeg)[..3000] },
        { "JPEG signature alone", [0xFF, 0xD8, 0xFF, 0xE0] },
        { "empty", [] },
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public async Task WhatIsNotAnAcceptedImageIsRefusedNamingTheAcceptedTypes(string what, byte[] content)
    {
        var refused = await RefusedAsync(content);

        Assert.True(refused.Message.Contains("JPEG, PNG, WebP or GIF", StringComparison.Ordinal), $"{what}: {refused.Message}");
        Assert.False(Directory.Exists(Path.Combine(site.DataFolder, "media", "uploads"))
            && Directory.GetFiles(Path.Combine(site.DataFolder, "media", "uploads"), "*.tmp").Length > 0);
    }

    [Fact]
    public async Task FilesOverTenMegabytesAreRefused()
    {
        var content = new byte[10 * 1024 * 1024 + 1];
        TestImages.Encode(100, 100, SKEncodedImageFormat.Jpeg).CopyTo(content, 0);

        var refused = await RefusedAsync(content);

        Assert.Contains("larger than 10 MB", refused.Message);
    }

    [Fact]
    public async Task AHeaderClaimingAHugePictureIsRefusedBeforeDecoding()
    {
        var refused = await RefusedAsync(TestImages.PngHeaderClaiming(50_000, 50_000));

        Assert.Contains("50000 × 50000 pixels", refused.Message);
        Assert.Contains("12000 pixels a side", refused.Message);
    }

    [Fact]
    public async Task ArticlePageOffersOnlyWidthsThatExistForANarrowImage()
    {
        var saved = await UploadAsync(TestImages.Encode(800, 450, SKEncodedImageFormat.Jpeg, seed: 3));
        await site.WithDbAsync(async db =>
        {
            var article = Article("A narrow picture", GazetteFactory.Now.UtcDateTime.AddHours(-1), Author("Ana Writer"));
            article.Image = new FeaturedImage { Path = saved.Path, Alt = "Red and blue", Width = saved.Width, Height = saved.Height };
            db.Articles.Add(article);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var page = await site.GetPageAsync("/articles/a-narrow-picture");

        var image = page.QuerySelector(".featured-image img")!;
        Assert.Equal($"/media/{saved.Path}-480.jpg 480w, /media/{saved.Path}-960.jpg 800w", image.GetAttribute("srcset"));
        Assert.Equal(("800", "450"), (image.GetAttribute("width"), image.GetAttribute("height")));
        using var src = await FetchAsync(image.GetAttribute("src")!);
        Assert.Equal(800, src.Width);
    }
}
