using System.Text.RegularExpressions;
using Gazette.Articles;
using Gazette.Core.Import.WordPress;
using Gazette.Media;

namespace Gazette.Import;

/// <summary>
/// <c>--uploads DIR</c> (a copy of the old site's <c>wp-content/uploads</c>): a post's featured image and the images
/// its body shows from the old uploads are brought in as Gazette media (<see cref="ImageUploads"/>: checked, resized,
/// named by their content) and the body's addresses rewritten. Without the folder, or when a file is missing or is
/// not an image Gazette takes, the old address stays and the report lists it. A dry run only looks for the files.
/// </summary>
public sealed partial class ImportMedia(ImageUploads images)
{
    private const string Uploads = "/wp-content/uploads/";

    /// <summary>An image or link address into the old uploads, in a src or href attribute.</summary>
    [GeneratedRegex("""(?<attr>\b(?:src|href)\s*=\s*["'])(?<url>[^"'<>]*?/wp-content/uploads/[^"'<>]+?)(?<end>["'])""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UploadAddress();

    /// <summary>WordPress's resized copies: <c>photo-300x200.jpg</c> is made from <c>photo.jpg</c>.</summary>
    [GeneratedRegex(@"-\d+x\d+(?=\.[A-Za-z0-9]+$)", RegexOptions.CultureInvariant)]
    private static partial Regex SizeSuffix();

    private readonly Dictionary<string, SavedImage?> saved = [];

    public async Task<string> BringInAsync(string html, string sourceId, WordPressImportOptions options, ImportReport report, CancellationToken cancellationToken)
    {
        var matches = UploadAddress().Matches(html);
        if (matches.Count == 0)
        {
            return html;
        }
        var replacements = new Dictionary<string, string>();
        foreach (var url in matches.Select(m => m.Groups["url"].Value).Distinct())
        {
            if (await SaveAsync(url, sourceId, options, report, cancellationToken) is { } image)
            {
                replacements[url] = image.Url(FeaturedImage.Widths[1]);
            }
        }
        return replacements.Count == 0 ? html : UploadAddress().Replace(html, m =>
            replacements.TryGetValue(m.Groups["url"].Value, out var local) ? m.Groups["attr"].Value + local + m.Groups["end"].Value : m.Value);
    }

    public async Task<FeaturedImage?> FeaturedAsync(WordPressMedia attachment, string sourceId, WordPressImportOptions options,
        ImportReport report, CancellationToken cancellationToken) => await SaveAsync(attachment.Url, sourceId, options, report, cancellationToken) is { } image
            ? new FeaturedImage { Path = image.Path, Alt = attachment.Alt ?? "", Width = image.Width, Height = image.Height, Kind = image.Kind }
            : null;

    private async Task<SavedImage?> SaveAsync(string url, string sourceId, WordPressImportOptions options, ImportReport report, CancellationToken cancellationToken)
    {
        if (saved.TryGetValue(url, out var known))
        {
            return known;
        }
        var image = await TrySaveAsync(url, sourceId, options, report, cancellationToken);
        saved[url] = image;
        return image;
    }

    private async Task<SavedImage?> TrySaveAsync(string url, string sourceId, WordPressImportOptions options, ImportReport report, CancellationToken cancellationToken)
    {
        if (options.UploadsFolder is null)
        {
            report.MediaMissing(sourceId, url, "no --uploads folder was given.");
            return null;
        }
        var at = url.IndexOf(Uploads, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            report.MediaMissing(sourceId, url, "not in the old site's uploads.");
            return null;
        }
        var relative = Uri.UnescapeDataString(url[(at + Uploads.Length)..].Split('?', '#')[0]);
        var folder = Path.GetFullPath(options.UploadsFolder);
        var file = Path.GetFullPath(Path.Combine(folder, relative));
        if (!file.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            report.MediaMissing(sourceId, url, "its path leads out of the uploads folder.");
            return null;
        }
        if (!File.Exists(file))
        {
            var original = SizeSuffix().Replace(file, "");
            if (!File.Exists(original))
            {
                report.MediaMissing(sourceId, url, $"there is no {relative} in the uploads folder.");
                return null;
            }
            file = original;
        }
        if (options.DryRun)
        {
            return new SavedImage("dry-run/" + relative, 0, 0, default);
        }
        try
        {
            await using var content = File.OpenRead(file);
            return await images.SaveAsync(content, cancellationToken);
        }
        catch (ImageRejectedException e)
        {
            report.MediaMissing(sourceId, url, e.Message);
            return null;
        }
    }
}
