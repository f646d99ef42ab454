using Gazette.Core.Media;
using Gazette.Data;
using SkiaSharp;

namespace Gazette.Media;

/// <summary>
/// The WebP beside each stored rendition, which pages offer first through <c>picture</c>: lossy for a photograph,
/// lossless for a PNG. Images stored before Gazette wrote them get theirs when first asked for: the request for a
/// missing <c>{path}-{width}.webp</c> makes it from the rendition in the image's kind, once, then it is a file like any.
/// </summary>
public static class WebpRenditions
{
    private const int Quality = 80;

    public static SKData Encode(SKImage rendition, ImageKind kind)
    {
        using var raster = rendition.ToRasterImage();
        using var pixels = raster.PeekPixels();
        return pixels!.Encode(kind == ImageKind.Png
            ? new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 75)
            : new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, Quality))
            ?? throw new InvalidOperationException("Skia could not write WebP.");
    }

    /// <summary>Before the media folder's static files, which then serve what was made.</summary>
    public static IApplicationBuilder UseWebpRenditions(this IApplicationBuilder app, string mediaPath) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            var url = context.Request.Path.Value ?? "";
            if (url.EndsWith(".webp", StringComparison.Ordinal) && MediaRenditions.PathOf(url) is not null)
            {
                await MakeMissingAsync(Path.Combine(mediaPath, url[MediaRenditions.MediaPrefix.Length..]), context.RequestAborted);
            }
        }
        await next(context);
    });

    private static async Task MakeMissingAsync(string webp, CancellationToken cancellationToken)
    {
        if (File.Exists(webp))
        {
            return;
        }
        var (source, kind) = File.Exists(Path.ChangeExtension(webp, "png")) ? (Path.ChangeExtension(webp, "png"), ImageKind.Png)
            : File.Exists(Path.ChangeExtension(webp, "jpg")) ? (Path.ChangeExtension(webp, "jpg"), ImageKind.Jpeg)
            : (null, ImageKind.Jpeg);
        if (source is null)
        {
            return;
        }
        using var bitmap = SKBitmap.Decode(source);
        if (bitmap is null)
        {
            return;
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = Encode(image, kind);
        // Two readers asking at once each write a whole file and move it into place: the second move replaces the first.
        await ImageUploads.WriteAtomicallyAsync(webp, data, cancellationToken);
    }
}
