using Gazette.Articles;
using Gazette.Core.Text;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Media;

/// <summary>
/// The images uploaded for article bodies (<see cref="LibraryImage"/>): stored through <see cref="ImageUploads"/>, found
/// again by name or alt text, and deleted only while nothing shows them: no article body or featured image, no revision
/// and no autosaved draft.
/// </summary>
public sealed class MediaLibrary(GazetteDb db, ImageUploads uploads, TimeProvider clock)
{
    public const int PageSize = 60;

    /// <summary>An image as the library and the editor's picker show it.</summary>
    public sealed record Item(int Id, string Path, int Width, int Height, Core.Media.ImageKind Kind, string FileName, string Alt, DateTime UploadedAt)
    {
        /// <summary>The rendition a body links to: wide enough for the article column, never enlarged.</summary>
        public string Url => Core.Media.MediaRenditions.Url(Path, BodyWidth, Kind);

        public string ThumbnailUrl => Core.Media.MediaRenditions.Url(Path, FeaturedImage.Widths[0], Kind);

        /// <summary>The thumbnail's height at its width, so that the page does not shift as it loads.</summary>
        public int ThumbnailHeight => Width == 0 ? 0 : Math.Max(1, FeaturedImage.Widths[0] * Height / Width);
    }

    /// <summary>The width an article body shows (its column is narrower than the largest rendition).</summary>
    public const int BodyWidth = 960;

    /// <summary>Stores the upload (checked by <see cref="ImageUploads"/>) and lists it; the same picture again is the same entry.</summary>
    public async Task<Item> UploadAsync(Stream content, string fileName, string? alt, string userId, CancellationToken cancellationToken)
    {
        var saved = await uploads.SaveAsync(content, cancellationToken);
        var image = await db.LibraryImages.FirstOrDefaultAsync(i => i.Path == saved.Path, cancellationToken);
        if (image is null)
        {
            image = new LibraryImage
            {
                Path = saved.Path, Width = saved.Width, Height = saved.Height, Kind = saved.Kind, UploadedAt = clock.GetUtcNow().UtcDateTime, UploadedByUserId = userId,
            };
            db.LibraryImages.Add(image);
        }
        image.FileName = Truncate(System.IO.Path.GetFileName(fileName), LibraryImage.MaxNameLength);
        if (!string.IsNullOrWhiteSpace(alt))
        {
            image.Alt = Truncate(alt.Trim(), LibraryImage.MaxAltLength);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!Operations.DatabaseOutage.Is(e))
        {
            // The same picture uploaded twice at once: the other upload listed it.
            db.ChangeTracker.Clear();
            image = await db.LibraryImages.FirstAsync(i => i.Path == saved.Path, cancellationToken);
        }
        return ItemOf(image);
    }

    public async Task<Item?> FindAsync(int id, CancellationToken cancellationToken) =>
        await db.LibraryImages.AsNoTracking().Where(i => i.Id == id).Select(ToItem).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Remembers the alt text last given to an image, for the next time it is picked.</summary>
    public Task RememberAltAsync(int id, string alt, CancellationToken cancellationToken) =>
        db.LibraryImages.Where(i => i.Id == id).ExecuteUpdateAsync(set => set.SetProperty(i => i.Alt, Truncate(alt.Trim(), LibraryImage.MaxAltLength)), cancellationToken);

    /// <summary>The newest images first; <paramref name="query"/> finds words of the file name or the alt text, case-blind.</summary>
    public async Task<IReadOnlyList<Item>> SearchAsync(string? query, int skip, CancellationToken cancellationToken)
    {
        var images = db.LibraryImages.AsNoTracking();
        if (query?.Trim().ToLowerInvariant() is { Length: > 0 } words)
        {
            images = images.Where(i => i.FileName.ToLower().Contains(words) || i.Alt.ToLower().Contains(words));
        }
        return await images.OrderByDescending(i => i.UploadedAt).ThenByDescending(i => i.Id).Skip(skip).Take(PageSize)
            .Select(ToItem).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Which of these images something still shows. Bodies are read only where they link to an upload, and scanned here:
    /// one query for each kind of text, not one for each image.
    /// </summary>
    public async Task<IReadOnlySet<string>> InUseAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (paths.Count == 0)
        {
            return used;
        }
        used.UnionWith(await db.Articles.Where(a => a.Image != null && paths.Contains(a.Image.Path)).Select(a => a.Image!.Path).ToListAsync(cancellationToken));
        used.UnionWith(await db.ArticleRevisions.Where(r => r.ImagePath != null && paths.Contains(r.ImagePath)).Select(r => r.ImagePath!).ToListAsync(cancellationToken));
        const string marker = "/media/uploads/";
        var bodies = db.Articles.Where(a => a.BodyMarkdown.Contains(marker)).Select(a => a.BodyMarkdown)
            .Concat(db.ArticleRevisions.Where(r => r.BodyMarkdown.Contains(marker)).Select(r => r.BodyMarkdown))
            .Concat(db.EditorDrafts.Where(d => d.BodyMarkdown.Contains(marker)).Select(d => d.BodyMarkdown))
            .AsAsyncEnumerable();
        await foreach (var body in bodies.WithCancellation(cancellationToken))
        {
            used.UnionWith(BodyImages.UploadPaths(body).Where(paths.Contains));
        }
        return used;
    }

    /// <summary>Deletes an image nothing shows, with its files; false when something still shows it (or it is gone).</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var image = await db.LibraryImages.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (image is null || (await InUseAsync([image.Path], cancellationToken)).Count > 0)
        {
            return false;
        }
        db.LibraryImages.Remove(image);
        await db.SaveChangesAsync(cancellationToken);
        uploads.Delete(image.Path);
        return true;
    }

    private static readonly System.Linq.Expressions.Expression<Func<LibraryImage, Item>> ToItem =
        i => new Item(i.Id, i.Path, i.Width, i.Height, i.Kind, i.FileName, i.Alt, i.UploadedAt);

    private static Item ItemOf(LibraryImage i) => new(i.Id, i.Path, i.Width, i.Height, i.Kind, i.FileName, i.Alt, i.UploadedAt);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
