namespace Gazette.Media;

/// <summary>An uploaded image kept as a featured image: <see cref="Articles.FeaturedImage"/> takes Path, Width and Height.</summary>
public sealed record SavedImage(string Path, int Width, int Height);

/// <summary>Why an upload was refused, in words for the person who uploaded it.</summary>
public sealed class ImageRejectedException(string message) : Exception(message);

/// <summary>
/// Checks an upload by its content and stores it under the data folder's media in the widths pages use.
/// (Contract for the newsroom; the implementation lands with the image work.)
/// </summary>
public sealed class ImageUploads
{
    /// <summary>Stores the image; throws <see cref="ImageRejectedException"/> for anything that is not an image Gazette takes.</summary>
    public Task<SavedImage> SaveAsync(Stream content, CancellationToken cancellationToken) =>
        throw new ImageRejectedException("Image uploads are not available yet.");
}
