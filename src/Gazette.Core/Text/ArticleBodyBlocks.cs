using System.Net;
using System.Text;
using Gazette.Core.Embeds;
using Gazette.Core.Media;
using AngleSharp.Html.Parser;
using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Gazette.Core.Text;

/// <summary>
/// Shapes a parsed body before it renders. A paragraph holding only an image becomes a figure when the image has a
/// title: <c>![alt](url "Caption | Credit")</c> gives the caption and, after <c> | </c>, the credit. A paragraph holding
/// only a known provider's address becomes an embed (<see cref="EmbedUrls"/>). An image stored by Gazette is shown
/// through a <c>picture</c> at its size, wherever it is; any other image stays a plain <c>img</c>.
/// </summary>
public static class ArticleBodyBlocks
{
    /// <summary>Between a caption and its credit in an image's title.</summary>
    public const string CreditSeparator = " | ";

    public static void Shape(MarkdownDocument document, Func<string, MediaImage?> media, EmbedSlots embeds)
    {
        foreach (var paragraph in document.Descendants<ParagraphBlock>().ToList())
        {
            var html = Alone(paragraph) switch
            {
                LinkInline { IsImage: true } image => Figure(image, media),
                LinkInline { IsAutoLink: true } link when EmbedUrls.Parse(link.Url) is { } embed => embeds.Add(embed),
                AutolinkInline { IsEmail: false } link when EmbedUrls.Parse(link.Url) is { } embed => embeds.Add(embed),
                _ => null,
            };
            if (html is not null)
            {
                Replace(paragraph, html);
            }
        }
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage).ToList())
        {
            if (Stored(image, media) is { } stored)
            {
                image.ReplaceBy(new HtmlInline(PictureMarkup.Html(stored, AltOf(image), PictureMarkup.StorySizes, lazy: true)));
            }
        }
    }

    /// <summary>
    /// An <c>img</c> written as HTML (an imported post's, its address rewritten to Gazette's media) is shown through a
    /// <c>picture</c> too. Parsed only when the sanitized body has such an image, which most bodies have not.
    /// </summary>
    public static string PicturesForHtmlImages(string html, Func<string, MediaImage?> media)
    {
        if (!html.Contains("src=\"/media/", StringComparison.Ordinal))
        {
            return html;
        }
        var body = new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;
        var changed = false;
        foreach (var img in body.QuerySelectorAll("img[src^='/media/']").ToList())
        {
            if (img.ParentElement?.LocalName != "picture" && MediaRenditions.PathOf(img.GetAttribute("src")!) is { } path && media(path) is { } stored)
            {
                var picture = new HtmlParser().ParseFragment(PictureMarkup.Html(stored, img.GetAttribute("alt") ?? "", PictureMarkup.StorySizes, lazy: true), img.ParentElement!);
                img.Replace([.. picture]);
                changed = true;
            }
        }
        return changed ? body.InnerHtml : html;
    }

    /// <summary>The paragraph's one inline, blank text around it aside; null when it holds more.</summary>
    private static Inline? Alone(ParagraphBlock paragraph)
    {
        var inlines = paragraph.Inline?.Where(i => i is not LiteralInline literal || !literal.Content.IsEmptyOrWhitespace()).ToList();
        return inlines is [var only] && only is not LineBreakInline ? only : null;
    }

    private static string Figure(LinkInline image, Func<string, MediaImage?> media)
    {
        var alt = AltOf(image);
        var stored = Stored(image, media);
        var picture = stored is not null
            ? PictureMarkup.Html(stored, alt, PictureMarkup.StorySizes, lazy: true)
            : $"<img src=\"{WebUtility.HtmlEncode(image.Url ?? "")}\" alt=\"{WebUtility.HtmlEncode(alt)}\" loading=\"lazy\" decoding=\"async\">";
        var (caption, credit) = CaptionOf(image.Title);
        if (caption.Length == 0 && credit.Length == 0)
        {
            return $"<p>{picture}</p>";
        }
        var html = new StringBuilder("<figure>").Append(picture).Append("<figcaption>").Append(WebUtility.HtmlEncode(caption));
        if (credit.Length > 0)
        {
            html.Append(caption.Length > 0 ? " " : "").Append("<span class=\"credit\">").Append(WebUtility.HtmlEncode(credit)).Append("</span>");
        }
        return html.Append("</figcaption></figure>").ToString();
    }

    /// <summary>The caption and the credit an image's title holds: <c>"Caption | Photo: Ana Lee"</c>.</summary>
    public static (string Caption, string Credit) CaptionOf(string? title)
    {
        var text = (title ?? "").Trim();
        var at = text.IndexOf(CreditSeparator.Trim(), StringComparison.Ordinal);
        // "| Photo: X" (a credit alone) and "Caption | Photo: X" both split; a bar inside a word does not.
        if (at >= 0 && (at == 0 || text.IndexOf(CreditSeparator, StringComparison.Ordinal) == at - 1))
        {
            var split = at == 0 ? 0 : at - 1;
            return (text[..split].Trim(), text[(at + 1)..].Trim());
        }
        return (text, "");
    }

    private static MediaImage? Stored(LinkInline image, Func<string, MediaImage?> media) =>
        image.Url is { } url && MediaRenditions.PathOf(url) is { } path ? media(path) : null;

    private static string AltOf(LinkInline image)
    {
        var alt = new StringBuilder();
        foreach (var inline in image.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    alt.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    alt.Append(code.Content);
                    break;
            }
        }
        return alt.ToString();
    }

    private static void Replace(ParagraphBlock paragraph, string html)
    {
        var block = new HtmlBlock(null) { Type = HtmlBlockType.NonInterruptingBlock };
        block.Lines = new StringLineGroup(1);
        block.Lines.Add(new StringSlice(html));
        var parent = paragraph.Parent!;
        var at = parent.IndexOf(paragraph);
        parent.RemoveAt(at);
        parent.Insert(at, block);
    }
}
