namespace Gazette.Core.Media;

/// <summary>The kind an image keeps: a photograph stays JPEG, a PNG (or GIF, or WebP with transparency) stays lossless PNG.</summary>
public enum ImageKind
{
    Jpeg = 0,
    Png = 1,
}

/// <summary>
/// A stored image: <c>{Path}-{width}.{jpg|png}</c> in its kind and <c>{Path}-{width}.webp</c> beside it under
/// <c>/media</c>, for each of <see cref="MediaRenditions.Widths"/>. Width and Height are the largest rendition's.
/// </summary>
public sealed record MediaImage(string Path, ImageKind Kind, int Width, int Height);
