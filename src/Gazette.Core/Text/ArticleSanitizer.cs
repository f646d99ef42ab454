using AngleSharp.Dom;
using Ganss.Xss;
using Gazette.Core.Media;

namespace Gazette.Core.Text;

/// <summary>
/// What an article body may hold: HtmlSanitizer's defaults, with figures and pictures, less inline <c>style</c>.
/// </summary>
public static class ArticleSanitizer
{
    private static readonly HashSet<string> SourceAttributes = ["srcset", "sizes", "type", "media"];

    public static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        // Kept, style let a body's link cover the whole page (position:fixed; inset:0) or load a tracking image through
        // CSS. The site's stylesheet styles the story.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("style");
        foreach (var tag in new[] { "figure", "figcaption", "picture", "source" })
        {
            sanitizer.AllowedTags.Add(tag);
        }
        foreach (var attribute in new[] { "srcset", "sizes", "media", "loading", "decoding", "fetchpriority" })
        {
            sanitizer.AllowedAttributes.Add(attribute);
        }
        // A class only from those the story's stylesheet gives a meaning in a body: a writer cannot borrow the site's
        // other classes (a hidden one, or the embed button's) to disguise their text.
        sanitizer.AllowedAttributes.Add("class");
        foreach (var name in new[] { "credit", "embed", "gallery", "alignleft", "alignright", "aligncenter", "alignnone" })
        {
            sanitizer.AllowedClasses.Add(name);
        }
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement element)
            {
                KeepPicturesToMedia(element);
            }
        };
        return sanitizer;
    }

    /// <summary>
    /// A srcset names several addresses the sanitizer does not read as URLs: only the site's own media may be named
    /// there. A <c>source</c> outside a <c>picture</c>, or with anything else, goes.
    /// </summary>
    private static void KeepPicturesToMedia(IElement element)
    {
        if (element.LocalName == "source")
        {
            foreach (var attribute in element.Attributes.Select(a => a.Name).Where(n => !SourceAttributes.Contains(n)).ToList())
            {
                element.RemoveAttribute(attribute);
            }
            if (element.ParentElement?.LocalName != "picture" || !OnlyMedia(element.GetAttribute("srcset")))
            {
                element.Remove();
            }
        }
        else if (element.HasAttribute("srcset") && !OnlyMedia(element.GetAttribute("srcset")))
        {
            element.RemoveAttribute("srcset");
        }
    }

    private static bool OnlyMedia(string? srcset) =>
        !string.IsNullOrWhiteSpace(srcset) && srcset.Split(',').All(candidate =>
            candidate.Trim().Split(' ', 2)[0] is var url && url.StartsWith(MediaRenditions.MediaPrefix, StringComparison.Ordinal)
            && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\'));
}
