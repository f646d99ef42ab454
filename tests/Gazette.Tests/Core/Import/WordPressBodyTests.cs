using Gazette.Core.Import.WordPress;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Core.Import;

/// <summary>WordPress bodies made into the HTML WordPress showed: shortcodes, media lines, paragraphs (issue 13).</summary>
public sealed class WordPressBodyTests
{
    private static readonly WordPressMedia[] Media =
    [
        new(11, "https://old.example/wp-content/uploads/2021/03/road.jpg", "A road", "The test road", 5, 2),
        new(12, "https://old.example/wp-content/uploads/2021/03/panel.jpg", null, null, 5, 1),
    ];

    private static string Html(string content) =>
        WordPressBody.ToHtml(content, id => Media.FirstOrDefault(m => m.Id == id), () => Media.Where(m => m.ParentId == 5));

    [Fact]
    public void ACaptionBecomesAFigureWithItsCaption()
    {
        var html = Html("Intro.\n\n[caption id=\"attachment_11\" align=\"alignright\" width=\"300\"]<a href=\"/r\"><img src=\"road.jpg\" alt=\"A road\" width=\"300\" /></a> The test road[/caption]\n\nAfter.");

        Assert.Equal("<p>Intro.</p>\n<figure class=\"alignright\"><a href=\"/r\"><img src=\"road.jpg\" alt=\"A road\" width=\"300\" /></a>\n<figcaption>The test road</figcaption></figure>\n<p>After.</p>\n", html);
    }

    [Fact]
    public void AnOldStyleCaptionTakesItsTextFromTheAttribute()
    {
        Assert.Contains("<figcaption>Old style</figcaption>", Html("[caption id=\"a\" align=\"alignnone\" caption=\"Old style\"]<img src=\"x.jpg\" />[/caption]"));
    }

    [Fact]
    public void AGalleryShowsTheImagesItNamesOrElseThePostsInTheirOrder()
    {
        Assert.Equal(["road.jpg"], Images(Html("[gallery ids=\"11,99\"]")));
        Assert.Equal(["panel.jpg", "road.jpg"], Images(Html("[gallery columns=\"2\"]")));
        Assert.Contains("<figcaption>The test road</figcaption>", Html("[gallery ids=\"11\"]"));
    }

    private static IEnumerable<string> Images(string html) =>
        html.Split("<img src=\"").Skip(1).Select(part => part[..part.IndexOf('"')].Split('/')[^1]);

    [Fact]
    public void AnEmbedOrAMediaAddressAloneOnALineBecomesALinkNotAThirdPartyRequest()
    {
        var html = Html("Watch this:\n\nhttps://www.youtube.com/watch?v=abc123\n\n[embed]https://vimeo.com/12345[/embed]\n\nInline https://example.org/x stays text.");

        Assert.Contains("<figure class=\"embed\"><a href=\"https://www.youtube.com/watch?v=abc123\">https://www.youtube.com/watch?v=abc123</a></figure>", html);
        Assert.Contains("<figure class=\"embed\"><a href=\"https://vimeo.com/12345\">", html);
        Assert.Contains("<p>Inline https://example.org/x stays text.</p>", html);
        Assert.DoesNotContain("<iframe", html);
    }

    [Fact]
    public void APluginsShortcodeStaysAsTextAndADoubledOneShowsItself()
    {
        Assert.Equal("<p>[contact-form-7 id=\"3\"] and [gallery]</p>\n", Html("[contact-form-7 id=\"3\"] and [[gallery]]"));
    }

    [Fact]
    public void TheMoreMarkerEndsTheTeaser()
    {
        const string body = "The teaser.\n<!--more-->\nThe rest.";

        Assert.Equal("The teaser.\n", WordPressBody.Teaser(body));
        Assert.Null(WordPressBody.Teaser("No marker."));
        Assert.Contains("<!--more-->", Html("The teaser.\n<!--more Read on -->\nThe rest."));
    }

    [Fact]
    public void EveryPostOfTheThemeUnitTestConverts()
    {
        using var file = File.OpenRead(SharedCorpora.PathOf("wordpress-theme-unit-test.xml"));
        var posts = WxrReader.Read(file).OfType<WxrItem>().Where(i => i.PostType is "post" or "page").ToList();

        Assert.All(posts, post =>
        {
            var html = Html(post.Content);
            Assert.DoesNotContain("[caption", html);
            Assert.DoesNotContain("[gallery", html);
        });
    }
}
