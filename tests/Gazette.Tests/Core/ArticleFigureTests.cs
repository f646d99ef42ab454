using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Gazette.Core.Media;
using Gazette.Core.Text;

namespace Gazette.Tests.Core;

/// <summary>Figures, pictures and embeds in an article's body (issue 16).</summary>
public sealed class ArticleFigureTests
{
    private static readonly MediaImage Stored = new("uploads/0123456789abcdef0123456789abcdef", ImageKind.Png, 1200, 800);

    private static IElement Render(string markdown, Func<string, MediaImage?>? media = null) =>
        new HtmlParser().ParseDocument($"<div id=body>{ArticleMarkdown.ToHtml(markdown, media ?? (path => path == Stored.Path ? Stored : null))}</div>").GetElementById("body")!;

    [Fact]
    public void AnImageAloneWithATitleBecomesAFigureWithItsCaptionAndCredit()
    {
        var body = Render("![A harbour crane at dusk](https://example.org/crane.jpg \"The last crane | Photo: Ana Lee\")");

        var figure = Assert.Single(body.QuerySelectorAll("figure"));
        Assert.Equal("https://example.org/crane.jpg", figure.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("A harbour crane at dusk", figure.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("The last crane Photo: Ana Lee", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Equal("Photo: Ana Lee", figure.QuerySelector("figcaption > span.credit")!.TextContent);
        Assert.Null(body.QuerySelector("picture"));
        Assert.Null(body.QuerySelector("p"));
    }

    [Fact]
    public void AGazetteImageIsShownThroughAPictureAtItsSize()
    {
        var body = Render($"![Chart](/media/{Stored.Path}-960.png \"Sales by month\")");

        var picture = body.QuerySelector("figure > picture")!;
        var source = picture.QuerySelector("source")!;
        Assert.Equal("image/webp", source.GetAttribute("type"));
        Assert.Equal($"/media/{Stored.Path}-480.webp 480w, /media/{Stored.Path}-960.webp 960w, /media/{Stored.Path}-1600.webp 1200w", source.GetAttribute("srcset"));
        Assert.NotNull(source.GetAttribute("sizes"));
        var img = picture.QuerySelector("img")!;
        Assert.Equal($"/media/{Stored.Path}-960.png", img.GetAttribute("src"));
        Assert.Equal(("1200", "800"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal(("lazy", "async"), (img.GetAttribute("loading"), img.GetAttribute("decoding")));
        Assert.Equal("Sales by month", body.QuerySelector("figcaption")!.TextContent);
    }

    [Fact]
    public void AGazetteImageInsideAParagraphIsAPictureWithoutAFigure()
    {
        var body = Render($"See ![chart](/media/{Stored.Path}-480.png) here.");

        Assert.NotNull(body.QuerySelector("p > picture > img[width='1200']"));
        Assert.Null(body.QuerySelector("figure"));
    }

    [Fact]
    public void AnImageWithoutATitleStaysAnImageInAParagraph()
    {
        var body = Render("![Just a picture](https://example.org/a.png)");

        Assert.NotNull(body.QuerySelector("p > img[src='https://example.org/a.png']"));
        Assert.Null(body.QuerySelector("figure"));
    }

    [Fact]
    public void CaptionAndCreditAreTextNotMarkup()
    {
        var body = Render("![x](https://example.org/a.png \"<b onclick=alert(1)>Bold</b> | <script>alert(1)</script>\")");

        Assert.Null(body.QuerySelector("b, script, [onclick]"));
        Assert.Equal("<script>alert(1)</script>", body.QuerySelector("span.credit")!.TextContent);
    }

    [Fact]
    public void WrittenPicturesMayNameOnlyTheSitesMediaAndStyleStillGoes()
    {
        var body = Render("<figure style=\"position:fixed\"><picture><source type=\"image/webp\" srcset=\"https://tracker.example/a.webp 1x\" onerror=\"alert(1)\">" +
            "<source srcset=\"/media/uploads/a-480.webp 480w\" type=\"image/webp\" src=\"https://tracker.example/b\" data-x=\"1\">" +
            "<img src=\"/media/uploads/a-480.jpg\" srcset=\"//tracker.example/c.jpg 2x\" alt=\"a\"></picture><figcaption>Cap</figcaption></figure>" +
            "\n\n<source srcset=\"/media/uploads/a-480.webp\">");

        var source = Assert.Single(body.QuerySelectorAll("source"));
        Assert.Equal(["srcset", "type"], source.Attributes.Select(a => a.Name).Order());
        Assert.Equal("picture", source.ParentElement!.LocalName);
        Assert.Null(body.QuerySelector("img")!.GetAttribute("srcset"));
        Assert.Empty(body.QuerySelectorAll("[style]"));
        Assert.NotNull(body.QuerySelector("figure > figcaption"));
    }

    [Fact]
    public void AProvidersAddressAloneOnALineBecomesAFacadeWithAPlainLink()
    {
        var body = Render("Watch this:\n\nhttps://youtu.be/dQw4w9WgXcQ\n\nAnd https://youtu.be/dQw4w9WgXcQ in a sentence stays a link.");

        var embed = Assert.Single(body.QuerySelectorAll(".embed"));
        Assert.Equal("https://youtu.be/dQw4w9WgXcQ", embed.QuerySelector("a")!.GetAttribute("href"));
        var button = embed.QuerySelector("button")!;
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", button.GetAttribute("data-embed-src"));
        Assert.True(button.HasAttribute("hidden"));
        Assert.Null(body.QuerySelector("iframe"));
        Assert.Equal(2, body.QuerySelectorAll("a[href='https://youtu.be/dQw4w9WgXcQ']").Length);
    }

    [Fact]
    public void AnyOtherAddressAloneStaysALink()
    {
        var body = Render("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ");

        Assert.Null(body.QuerySelector(".embed"));
        Assert.NotNull(body.QuerySelector("p > a[href='https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ']"));
    }

    [Fact]
    public void AWriterCannotForgeAFacadeOrItsDataAttributes()
    {
        var body = Render("<button class=\"embed-load\" data-embed-src=\"https://evil.example/\">Play</button>\n\n<p>embed-00000000000000000000000000000000-0</p>\n\nhttps://vimeo.com/76979871");

        Assert.Single(body.QuerySelectorAll("[data-embed-src]"));
        Assert.Equal("https://player.vimeo.com/video/76979871?dnt=1", body.QuerySelector("[data-embed-src]")!.GetAttribute("data-embed-src"));
    }

    [Fact]
    public void AnImportedWordPressEmbedBecomesAFacadeToo()
    {
        var body = Render("<p>Before.</p>\n<figure class=\"embed\"><a href=\"https://vimeo.com/76979871\">https://vimeo.com/76979871</a></figure>\n<figure class=\"embed\"><a href=\"https://example.org/x\">https://example.org/x</a></figure>");

        Assert.Single(body.QuerySelectorAll(".embed [data-embed-src]"));
        Assert.NotNull(body.QuerySelector("figure.embed > a[href='https://example.org/x']"));
    }

    [Fact]
    public void AnImportedHtmlImageOfGazettesMediaIsShownThroughAPictureToo()
    {
        var body = Render($"<p>Look: <img src=\"/media/{Stored.Path}-960.png\" alt=\"A chart\"></p>\n\n<p><img src=\"https://example.org/x.png\" alt=\"x\"></p>");

        var img = body.QuerySelector("p > picture > img")!;
        Assert.Equal(("A chart", "1200", "800"), (img.GetAttribute("alt"), img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Single(body.QuerySelectorAll("picture"));
        Assert.NotNull(body.QuerySelector("p > img[src='https://example.org/x.png']"));
    }
}
