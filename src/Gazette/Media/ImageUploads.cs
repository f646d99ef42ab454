using System.Security.Cryptography;
using Gazette.Core.Media;
using Gazette.Data;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Gazette.Media;

/// <summary>
/// An uploaded image as stored: <see cref="Articles.FeaturedImage"/> takes Path, Kind, Width and Height; a body shows it
/// by <see cref="Url"/> (<c>![alt](url "Caption | Credit")</c>), which the body's renderer turns into a picture.
/// </summary>
public sealed record SavedImage(string Path, int Width, int Height, ImageKind Kind)
{
    /// <summary>The rendition a body's Markdown names, in the image's own kind.</summary>
    public string Url(int width) => MediaRenditions.Url(Path, width, Kind);

    public MediaImage Media => new(Path, Kind, Width, Height);
}

/// <summary>Why an upload was refused, in words for the person who uploaded it.</summary>
public sealed class ImageRejectedException(string message) : Exception(message);

/// <summary>
/// Checks an upload by its content and stores it under the data folder's media in the widths pages use, upright (EXIF
/// orientation applied), never upscaled: <c>uploads/{hash}-{480|960|1600}.jpg</c> for a photograph (JPEG, or opaque
/// WebP, flattened on white), <c>.png</c> for a PNG, a GIF's first frame or a WebP with transparency (lossless, its
/// transparency kept), and <c>.webp</c> beside each (<see cref="WebpRenditions"/>). Skia here writes no AVIF.
/// </summary>
public sealed class ImageUploads(IOptions<MediaOptions> options, IOptions<StorageOptions> storage, IWebHostEnvironment environment)
{
    public const string Folder = "uploads";
    public const string AcceptedTypes = "JPEG, PNG, WebP or GIF";
    private const int JpegQuality = 82;

    private readonly MediaOptions limits = options.Value;
    private readonly string mediaPath = Path.Combine(storage.Value.DataPath(environment.ContentRootPath), "media");

    /// <summary>Stores the image; throws <see cref="ImageRejectedException"/> for anything that is not an image Gazette takes.</summary>
    public async Task<SavedImage> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        var bytes = await ReadAtMostAsync(content, limits.MaxUploadBytes, cancellationToken);
        if (bytes.Length == 0)
        {
            throw new ImageRejectedException($"The file is empty. Upload a {AcceptedTypes} image.");
        }
        // The name and the declared type say nothing: only the first bytes tell what the file is.
        var format = Sniff(bytes) ?? throw new ImageRejectedException($"This file is not an image Gazette takes. Upload a {AcceptedTypes} image.");

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != format)
        {
            throw Damaged();
        }
        var origin = codec.EncodedOrigin;
        var (width, height) = Swaps(origin) ? (codec.Info.Height, codec.Info.Width) : (codec.Info.Width, codec.Info.Height);
        // The header's dimensions are checked before a single pixel is decoded: a small file may claim a huge picture.
        if (width <= 0 || height <= 0 || width > limits.MaxSide || height > limits.MaxSide || (long)width * height > limits.MaxPixels)
        {
            throw new ImageRejectedException(
                $"The image is {width} × {height} pixels; the largest accepted is {limits.MaxSide} pixels a side and {limits.MaxPixels / 1_000_000.0:0.#} megapixels in all.");
        }

        var path = $"{Folder}/{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}";
        var kind = format == SKEncodedImageFormat.Jpeg || (format == SKEncodedImageFormat.Webp && codec.Info.AlphaType == SKAlphaType.Opaque)
            ? ImageKind.Jpeg : ImageKind.Png;
        var renditions = MediaRenditions.Widths.Select(w => MediaRenditions.Fit(w, width, height)).Select(s => new SKSizeI(s.Width, s.Height)).ToArray();
        var largest = renditions[^1];
        var saved = new SavedImage(path, largest.Width, largest.Height, kind);
        var widths = MediaRenditions.Widths;
        if (widths.All(w => File.Exists(FileOf(path, w, MediaRenditions.Extension(kind))) && File.Exists(FileOf(path, w, "webp"))))
        {
            return saved;
        }

        using var upright = Decode(codec, largest.Width, width);
        Directory.CreateDirectory(Path.Combine(mediaPath, Folder));
        for (var i = 0; i < renditions.Length; i++)
        {
            using var rendition = Render(upright, origin, renditions[i], kind);
            using var inKind = kind == ImageKind.Png ? rendition.Encode(SKEncodedImageFormat.Png, 100) : rendition.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
            using var webp = WebpRenditions.Encode(rendition, kind);
            await WriteAtomicallyAsync(FileOf(path, widths[i], MediaRenditions.Extension(kind)), inKind, cancellationToken);
            await WriteAtomicallyAsync(FileOf(path, widths[i], "webp"), webp, cancellationToken);
        }
        return saved;
    }

    private string FileOf(string path, int width, string extension) => Path.Combine(mediaPath, $"{path}-{width}.{extension}");

    /// <summary>Removes every stored file of an image ("uploads/{hash}"), in whatever widths and formats it was kept.</summary>
    public void Delete(string path)
    {
        var folder = Path.Combine(mediaPath, Folder);
        var name = Path.GetFileName(path);
        if (!path.StartsWith(Folder + "/", StringComparison.Ordinal) || name.Length == 0 || !Directory.Exists(folder))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(folder, name + "-*"))
        {
            File.Delete(file);
        }
    }

    /// <summary>What an image over the limit is told, by the server and by the editor's script before it is sent.</summary>
    public static string TooLarge(long maxBytes) => $"The file is larger than {maxBytes / (1024.0 * 1024):0.#} MB, the largest image accepted.";

    private static async Task<byte[]> ReadAtMostAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new ImageRejectedException(TooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The format the file's signature announces, among the four Gazette takes.</summary>
    private static SKEncodedImageFormat? Sniff(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => SKEncodedImageFormat.Jpeg,
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => SKEncodedImageFormat.Png,
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => SKEncodedImageFormat.Gif,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => SKEncodedImageFormat.Webp,
        _ => null,
    };

    private static ImageRejectedException Damaged() =>
        new($"The image could not be read: the file is damaged or incomplete. Upload a {AcceptedTypes} image.");

    /// <summary>Orientations that turn the picture a quarter: its upright width is its stored height.</summary>
    private static bool Swaps(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// Decodes the first frame (of an animated GIF too) as stored, not yet turned upright. A JPEG or WebP is decoded
    /// straight at a smaller scale when that still covers the largest rendition, which saves most of the memory.
    /// </summary>
    private static SKImage Decode(SKCodec codec, int largestWidth, int uprightWidth)
    {
        var info = codec.Info.WithColorType(SKColorType.Rgba8888)
            .WithAlphaType(codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        var scaled = codec.GetScaledDimensions((float)largestWidth / uprightWidth);
        var scaledUprightWidth = Swaps(codec.EncodedOrigin) ? scaled.Height : scaled.Width;
        if (scaledUprightWidth >= largestWidth && scaled.Width < info.Width)
        {
            var image = DecodeAt(codec, info.WithSize(scaled), allowFailure: true);
            if (image is not null)
            {
                return image;
            }
        }
        return DecodeAt(codec, info, allowFailure: false)!;
    }

    private static SKImage? DecodeAt(SKCodec codec, SKImageInfo info, bool allowFailure)
    {
        using var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(info))
        {
            throw new ImageRejectedException("The image is too large to be read.");
        }
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            // An incomplete file decodes partly (grey below the cut): that is a damaged upload, not an image.
            return allowFailure && result is SKCodecResult.InvalidScale or SKCodecResult.InvalidConversion ? null : throw Damaged();
        }
        bitmap.SetImmutable();
        return SKImage.FromBitmap(bitmap);
    }

    /// <summary>One rendition: turned upright, scaled down, and for a JPEG flattened on white.</summary>
    private static SKImage Render(SKImage stored, SKEncodedOrigin origin, SKSizeI size, ImageKind kind)
    {
        var (uprightWidth, uprightHeight) = Swaps(origin) ? (stored.Height, stored.Width) : (stored.Width, stored.Height);
        using var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb()))
            ?? throw new ImageRejectedException("The image is too large to be read.");
        var canvas = surface.Canvas;
        canvas.Clear(kind == ImageKind.Jpeg ? SKColors.White : SKColors.Transparent);
        canvas.SetMatrix(SKMatrix.CreateScale((float)size.Width / uprightWidth, (float)size.Height / uprightHeight)
            .PreConcat(Upright(origin, stored.Width, stored.Height)));
        using var paint = new SKPaint();
        canvas.DrawImage(stored, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        canvas.Flush();
        return surface.Snapshot();
    }

    /// <summary>The transform from stored pixels to the upright picture, for each EXIF orientation.</summary>
    private static SKMatrix Upright(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    /// <summary>Readers never see half a file: it is written beside its place, then moved into it.</summary>
    internal static async Task WriteAtomicallyAsync(string file, SKData data, CancellationToken cancellationToken)
    {
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await data.AsStream().CopyToAsync(stream, cancellationToken);
            }
            File.Move(temporary, file, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
