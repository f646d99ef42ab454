using AngleSharp.Html.Parser;
using Gazette.Core.Text;

namespace Gazette.Tests.Core;

public sealed class CommentTextTests
{
    private static AngleSharp.Dom.IElement Render(string body)
    {
        var document = new HtmlParser().ParseDocument($"<div id=c>{CommentText.ToHtml(body)}</div>");
        return document.GetElementById("c")!;
    }

    [Fact]
    public void ParagraphsAndLineBreaksAreKept()
    {
        var html = Render("first line\nsecond line\n\nnew paragraph");

        Assert.Equal(2, html.QuerySelectorAll("p").Length);
        Assert.Single(html.QuerySelectorAll("br"));
    }

    [Fact]
    public void BareUrlsBecomeLinksThatSearchEnginesDoNotFollow()
    {
        var link = Render("see https://example.org/story?id=1 for more").QuerySelector("a")!;

        Assert.Equal("https://example.org/story?id=1", link.GetAttribute("href"));
        Assert.Equal("nofollow ugc noopener", link.GetAttribute("rel"));
    }

    [Fact]
    public void EmphasisInlineCodeAndQuotesAreAllowed()
    {
        var html = Render("> quoted\n\n*soft* **strong** `code`");

        Assert.Equal("quoted", html.QuerySelector("blockquote")!.TextContent.Trim());
        Assert.Equal("soft", html.QuerySelector("em")!.TextContent);
        Assert.Equal("strong", html.QuerySelector("strong")!.TextContent);
        Assert.Equal("code", html.QuerySelector("code")!.TextContent);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("![img](https://example.org/x.png)")]
    [InlineData("<a href=\"https://example.org\">hidden link</a>")]
    [InlineData("# Heading\n\n- list\n\n```\ncode block\n```")]
    public void NothingBeyondTheSubsetIsProduced(string body)
    {
        var html = Render(body);

        var allowed = new HashSet<string> { "p", "br", "a", "em", "strong", "code", "blockquote" };
        Assert.All(html.QuerySelectorAll("*"), e => Assert.Contains(e.LocalName, allowed));
        Assert.All(html.QuerySelectorAll("a"), a => Assert.StartsWith("http", a.GetAttribute("href")));
    }

    [Fact]
    public void TypedMarkupIsShownAsText()
    {
        var html = Render("I <3 <b>tags</b>");

        Assert.Equal("I <3 <b>tags</b>", html.TextContent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void EmptyBodyRendersNothing(string body)
    {
        Assert.Equal("", CommentText.ToHtml(body));
    }

    [Theory]
    [InlineData("aeiouAEIOU bcdfgZ éÉßøЖжΩω中文 0123456789 .,;:?!'\"()-/% ", 1_000)]
    // Lines and paragraphs, and what Markdown could take for more at the start of a line: "-", "1.", "1)", "---", "=".
    [InlineData("aeiou AEIOU bcd 0123 .,;?!'\"()-/%\n\n\n---- 1. 2) =", 1_000)]
    public void PlainProseTakesTheShortWayAndComesOutAsTheFullWayMakesIt(string alphabet, int atLeast)
    {
        alphabet = alphabet.Replace("\\n", "\n");
        var random = new Random(11);
        var plain = 0;
        var lines = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var body = new string([.. Enumerable.Range(0, random.Next(1, 60)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            if (!string.IsNullOrWhiteSpace(body) && CommentText.IsPlainProse(body))
            {
                plain++;
                lines += body.Trim('\n').Contains('\n') ? 1 : 0;
                Assert.Equal(CommentText.ThroughMarkdown(body), CommentText.ToHtml(body));
            }
        }
        Assert.True(plain > atLeast, $"Only {plain} generated bodies were plain prose: the comparison says little.");
        Assert.True(!alphabet.Contains('\n') || lines > atLeast / 2, $"Only {lines} had several lines.");
    }

    [Theory]
    [InlineData("A line\n---", "<p>A line<br>\n---</p>")]
    [InlineData("A line\n===\nand more", "<p>A line<br>\n===<br>\nand more</p>")]
    [InlineData("Words, *then* a line\n--", "<p>Words, <em>then</em> a line<br>\n--</p>")]
    public void ALineOfDashesOrEqualsUnderWordsKeepsTheWords(string body, string html)
    {
        // Issue 11 ("nothing typed is lost"): Markdown made the words above it a heading, which the sanitizer removed whole.
        Assert.Equal(html, CommentText.ToHtml(body));
    }

    [Fact]
    public void ProseWithBareAddressesTakesTheShortWayAndComesOutAsTheFullWayMakesIt()
    {
        // Issue 11: addresses are the commonest thing in a comment besides words; near-misses must take the full way.
        string[] words = ["word", "Ünïcode", "42", "run:", "(aside)", "50%", "end.", "it's", "a/b", "-", "https://example.org",
            "http://example.org/", "https://example.org/story/1", "https://sub.example.co.uk/a_b-c/d.html", "https://example.org/x.",
            "https://example.org.", "https://localhost", "https://-bad.org", "https://a..org", "https://example.org/?q=1",
            "https://example.org/a&b", "http://x.y", "HTTPS://example.org", "https://exa_mple.org", "https://example.org/%20",
            "https://1.2.3.4/", "www.example.org", "https://example.org/~me", "https://example-.org", "http://",
            "\"quoted\"", "\"https://example.org\"", "line\nbreak", "para\n\ngraph", "https://example.org\nnext", "---"];
        var random = new Random(11);
        var shortWay = 0;
        for (var i = 0; i < 5_000; i++)
        {
            var body = string.Join(' ', Enumerable.Range(0, random.Next(1, 8)).Select(_ => words[random.Next(words.Length)]));
            if (CommentText.ProseWithLinks(body) is { } html)
            {
                shortWay++;
                Assert.Equal(CommentText.ThroughMarkdown(body), html);
            }
            Assert.Equal(CommentText.ThroughMarkdown(body), CommentText.ToHtml(body));
        }
        Assert.True(shortWay > 300, $"Only {shortWay} generated bodies took the short way: the comparison says little.");
        Assert.NotNull(CommentText.ProseWithLinks("Benchmark comment 1 from thread 1 run 7: a sentence or two, as readers write. https://example.org/1"));
    }

    [Theory]
    [InlineData("see https://example.org for more")]
    [InlineData("write to mailto:someone@example.org please")]
    [InlineData("at www.example.org today")]
    [InlineData("call tel:123 now")]
    [InlineData("a *soft* word")]
    [InlineData("first line\r\nsecond line")]
    [InlineData("first line\u2028second line")]
    [InlineData("1 < 2 and AT&T")]
    [InlineData("two  spaces")]
    [InlineData(" leading space")]
    [InlineData("> a quote")]
    [InlineData("a `code` span")]
    [InlineData("\"quoted\" *words*")]
    public void TextThatMayMeanMoreThanWordsTakesTheFullWay(string body)
    {
        Assert.False(CommentText.IsPlainProse(body));
        Assert.Equal(CommentText.ThroughMarkdown(body), CommentText.ToHtml(body));
    }
}
