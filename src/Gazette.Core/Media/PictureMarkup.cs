using System.Globalization;
using System.Net;
using System.Text;

namespace Gazette.Core.Media;

/// <summary>
/// A stored image as pages show it: a <c>picture</c> offering the WebP renditions, with an <c>img</c> in the image's own
/// kind for browsers without WebP, its size set so that nothing moves as it loads.
/// </summary>
public static class PictureMarkup
{
    /// <summary>How wide the story column shows an image: the featured image and the body's alike.</summary>
    public const string StorySizes = "(min-width: 1100px) 760px, 100vw";

    /// <param name="lazy">Below the fold: loaded as the reader nears it. The featured image is not, and asks to come first.</param>
    public static string Html(MediaImage image, string alt, string sizes, bool lazy)
    {
        var html = new StringBuilder(512);
        html.Append("<picture><source type=\"image/webp\" srcset=\"").Append(MediaRenditions.WebpSrcSet(image))
            .Append("\" sizes=\"").Append(sizes).Append("\">")
            .Append("<img src=\"").Append(MediaRenditions.Url(image.Path, MediaRenditions.Middle, image.Kind))
            .Append("\" srcset=\"").Append(MediaRenditions.SrcSet(image, image.Kind))
            .Append("\" sizes=\"").Append(sizes).Append('"')
            .Append(CultureInfo.InvariantCulture, $" width=\"{image.Width}\" height=\"{image.Height}\"")
            .Append(" alt=\"").Append(WebUtility.HtmlEncode(alt)).Append('"')
            .Append(lazy ? " loading=\"lazy\" decoding=\"async\"" : " fetchpriority=\"high\" decoding=\"async\"")
            .Append("></picture>");
        return html.ToString();
    }
}
