using Gazette.Media;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Gazette.Tests.Media;

/// <summary>Images keep their kind and are also served as WebP at every width, never enlarged (issue 16).</summary>
public sealed class ImageKindTests(EmptyGazetteFactory site) : IClassFixture<EmptyGazetteFactory>
{
    private Task<SavedImage> UploadAsync(byte[] content) =>
        site.Services.GetRequiredService<ImageUploads>().SaveAsync(new MemoryStream(content), TestContext.Current.CancellationToken);

    /// <summary>GETs a file under /media as a browser would: its type, a year's immutable caching, and the decoded picture.</summary>
    private async Task<SKBitmap> FetchAsync(string url, string contentType, SKEncodedImageFormat format)
    {
        using var client = site.CreateReader();
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}.");
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
        Assert.Equal(format, codec.EncodedFormat);
        return SKBitmap.Decode(codec, codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Unpremul));
    }

    [Fact]
    public async Task Issue16APngStaysALosslessPngWithItsTransparency()
    {
        var saved = await UploadAsync(TestImages.TransparentLeftHalf(800, 600, SKEncodedImageFormat.Png));

        using var png = await FetchAsync($"/media/{saved.Path}-480.png", "image/png", SKEncodedImageFormat.Png);
        Assert.Equal((480, 360), (png.Width, png.Height));
        Assert.Equal(0, png.GetPixel(100, 180).Alpha);
        Assert.Equal(TestImages.Green, png.GetPixel(400, 180));
    }

    [Fact]
    public async Task Issue16AJpegStaysAJpegAndEveryWidthIsAlsoServedAsWebp()
    {
        var saved = await UploadAsync(TestImages.Encode(2000, 1200, SKEncodedImageFormat.Jpeg, seed: 16));

        foreach (var (width, height) in new[] { (480, 288), (960, 576), (1600, 960) })
        {
            using var jpeg = await FetchAsync($"/media/{saved.Path}-{width}.jpg", "image/jpeg", SKEncodedImageFormat.Jpeg);
            using var webp = await FetchAsync($"/media/{saved.Path}-{width}.webp", "image/webp", SKEncodedImageFormat.Webp);
            Assert.Equal((width, height), (jpeg.Width, jpeg.Height));
            Assert.Equal((width, height), (webp.Width, webp.Height));
        }
    }

    [Fact]
    public async Task WebpRenditionsOfANarrowPictureAreNeverEnlarged()
    {
        var saved = await UploadAsync(TestImages.Encode(700, 400, SKEncodedImageFormat.Png, seed: 16));

        foreach (var (width, expected) in new[] { (480, 480), (960, 700), (1600, 700) })
        {
            using var webp = await FetchAsync($"/media/{saved.Path}-{width}.webp", "image/webp", SKEncodedImageFormat.Webp);
            Assert.Equal(expected, webp.Width);
        }
    }

    [Fact]
    public async Task AWebpRenditionMissingFromAnImageStoredEarlierIsMadeWhenFirstAsked()
    {
        var saved = await UploadAsync(TestImages.Encode(1000, 600, SKEncodedImageFormat.Jpeg, seed: 17));
        var webps = Directory.GetFiles(Path.Combine(site.DataFolder, "media", "uploads"), $"{Path.GetFileName(saved.Path)}-*.webp");
        Array.ForEach(webps, File.Delete);

        using var webp = await FetchAsync($"/media/{saved.Path}-960.webp", "image/webp", SKEncodedImageFormat.Webp);

        Assert.Equal((960, 576), (webp.Width, webp.Height));
    }
}
