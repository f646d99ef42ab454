using System.Collections.Concurrent;
using Gazette.Core.Media;
using Gazette.Data;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Gazette.Media;

/// <summary>
/// The stored images a body names, by path, for <see cref="Core.Text.ArticleMarkdown"/>: kind and size are read once
/// from the largest rendition's header and kept, since a stored image never changes under its content-hashed name.
/// </summary>
public sealed class StoredImages(IOptions<StorageOptions> storage, IWebHostEnvironment environment)
{
    private readonly string mediaPath = Path.Combine(storage.Value.DataPath(environment.ContentRootPath), "media");
    private readonly ConcurrentDictionary<string, MediaImage> known = new(StringComparer.Ordinal);

    public MediaImage? Find(string path)
    {
        if (known.TryGetValue(path, out var image))
        {
            return image;
        }
        foreach (var kind in new[] { ImageKind.Png, ImageKind.Jpeg })
        {
            var file = Path.Combine(mediaPath, $"{path}-{MediaRenditions.Widths[^1]}.{MediaRenditions.Extension(kind)}");
            using var codec = File.Exists(file) ? SKCodec.Create(file) : null;
            if (codec is not null)
            {
                // Not cached while missing: the image may be uploaded after a body first names it.
                return known.GetOrAdd(path, new MediaImage(path, kind, codec.Info.Width, codec.Info.Height));
            }
        }
        return null;
    }
}
