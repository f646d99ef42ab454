using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Gazette.Profiles;

/// <summary>
/// A member's own picture, uploaded at /account: checked and stored as any image is (<see cref="ImageUploads"/>), then cut
/// to a centred square of <see cref="Pixels"/> pixels under media/avatars, named by the upload's hash.
/// </summary>
public sealed class AvatarUploads(ImageUploads uploads, GazetteDb db, SiteCache siteCache, IOptions<StorageOptions> storage, IWebHostEnvironment environment)
{
    public const string Folder = "avatars";

    /// <summary>Three times the size pages draw it at: sharp on any screen, and still a few kilobytes.</summary>
    public const int Pixels = Avatars.Size * 3;

    private readonly string mediaPath = Path.Combine(storage.Value.DataPath(environment.ContentRootPath), "media");

    /// <summary>Stores the picture as the member's; throws <see cref="ImageRejectedException"/> for anything that is not an image Gazette takes.</summary>
    public async Task SetAsync(string userId, Stream content, CancellationToken cancellationToken)
    {
        var saved = await uploads.SaveAsync(content, cancellationToken);
        var path = $"{Folder}/{Path.GetFileName(saved.Path)}.jpg";
        var file = Path.Combine(mediaPath, path);
        if (!File.Exists(file))
        {
            // The upload's smallest rendition, in the kind it was stored in (a PNG stays a PNG).
            using var source = SKBitmap.Decode(Path.Combine(mediaPath, $"{saved.Path}-{Articles.FeaturedImage.Widths[0]}.{Core.Media.MediaRenditions.Extension(saved.Kind)}"))
                ?? throw new ImageRejectedException("The image could not be read.");
            var side = Math.Min(source.Width, source.Height);
            var crop = SKRect.Create((source.Width - side) / 2, (source.Height - side) / 2, side, side);
            using var surface = SKSurface.Create(new SKImageInfo(Pixels, Pixels, SKColorType.Rgba8888, SKAlphaType.Premul))
                ?? throw new ImageRejectedException("The image is too large to be read.");
            // A JPEG has no transparency: what a PNG leaves clear is white, not black.
            surface.Canvas.Clear(SKColors.White);
            using (var image = SKImage.FromBitmap(source))
            {
                surface.Canvas.DrawImage(image, crop, SKRect.Create(Pixels, Pixels), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), null);
            }
            using var snapshot = surface.Snapshot();
            using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, 85);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, jpeg.ToArray(), cancellationToken);
            File.Move(temporary, file, overwrite: true);
        }
        await ChangeAsync(userId, path, cancellationToken);
    }

    /// <summary>Back to the drawn picture.</summary>
    public Task RemoveAsync(string userId, CancellationToken cancellationToken) => ChangeAsync(userId, null, cancellationToken);

    private async Task ChangeAsync(string userId, string? path, CancellationToken cancellationToken)
    {
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.AvatarPath, path), cancellationToken);
        await SpeakerPages.ChangedAsync(db, siteCache, userId, cancellationToken);
    }
}
