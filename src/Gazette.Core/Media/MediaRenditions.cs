using System.Globalization;
using System.Text.RegularExpressions;

namespace Gazette.Core.Media;

/// <summary>
/// The widths every image is stored in and their addresses. A picture narrower than a width is stored at its own size
/// under that width's name (never enlarged); <see cref="SrcSet"/> offers the first such file once, at the picture's
/// width, so a browser never picks a "1600w" that is 800 pixels wide.
/// </summary>
public static partial class MediaRenditions
{
    public static readonly int[] Widths = [480, 960, 1600];

    /// <summary>The width a page's plain <c>img</c> falls back to, and the one the editor inserts into a body.</summary>
    public static int Middle => Widths[1];

    public const string MediaPrefix = "/media/";

    public static string Extension(ImageKind kind) => kind == ImageKind.Png ? "png" : "jpg";

    public static string ContentType(ImageKind kind) => kind == ImageKind.Png ? "image/png" : "image/jpeg";

    public static string Url(string path, int width, ImageKind kind) => Url(path, width, Extension(kind));

    public static string WebpUrl(string path, int width) => Url(path, width, "webp");

    private static string Url(string path, int width, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{MediaPrefix}{path}-{width}.{extension}");

    public static string SrcSet(MediaImage image, ImageKind kind) => SrcSet(image, Extension(kind));

    public static string WebpSrcSet(MediaImage image) => SrcSet(image, "webp");

    private static string SrcSet(MediaImage image, string extension) =>
        string.Join(", ", Renditions(image.Width).Select(r => string.Create(CultureInfo.InvariantCulture, $"{Url(image.Path, r.Name, extension)} {r.Width}w")));

    /// <summary>Each stored width's name with the true width of what is stored under it.</summary>
    public static IEnumerable<(int Name, int Width)> Renditions(int width)
    {
        var narrower = Widths.Where(w => w < width).Select(w => (w, w));
        var covering = Widths.FirstOrDefault(w => w >= width);
        return width <= 0 ? Widths.Select(w => (w, w))
            : covering == 0 ? narrower
            : narrower.Append((covering, width));
    }

    /// <summary>A rendition's size for a picture of the given size: at most <paramref name="maxWidth"/> wide, never wider than the picture.</summary>
    public static (int Width, int Height) Fit(int maxWidth, int width, int height)
    {
        var w = Math.Min(maxWidth, width);
        return (w, Math.Max(1, (int)Math.Round((double)height * w / width)));
    }

    [GeneratedRegex(@"^/media/(?<path>[a-z0-9]+(?:/[a-z0-9]+)*/[a-z0-9-]+)-(?<width>\d{3,4})\.(?<ext>jpg|png|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex RenditionAddress();

    /// <summary>The stored image's path a <c>/media/{path}-{width}.{ext}</c> address shows, or null for any other address.</summary>
    public static string? PathOf(string url)
    {
        var match = RenditionAddress().Match(url);
        return match.Success && Widths.Contains(int.Parse(match.Groups["width"].Value, CultureInfo.InvariantCulture)) ? match.Groups["path"].Value : null;
    }
}
