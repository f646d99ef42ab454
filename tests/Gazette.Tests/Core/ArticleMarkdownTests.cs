using AngleSharp.Html.Parser;
using Gazette.Core.Text;

namespace Gazette.Tests.Core;

public sealed class ArticleMarkdownTests
{
    /// <summary>An Author's full-screen overlay link, stopped only by the CSP before (issue 11).</summary>
    public const string Overlay = "Read on.\n\n<a href=\"https://example.org/\" style=\"position:fixed;inset:0;z-index:9999\">Win a prize</a>\n\n" +
        "<p style=\"color:red\">Styled paragraph</p>\n\n<span style=\"background:url(https://example.org/track.png)\">tracked</span>";

    [Fact]
    public void InlineStyleIsDroppedFromEveryElement()
    {
        var html = new HtmlParser().ParseDocument($"<div id=body>{ArticleMarkdown.ToHtml(Overlay)}</div>").GetElementById("body")!;

        Assert.Empty(html.QuerySelectorAll("[style]"));
        Assert.Equal("https://example.org/", html.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(html.QuerySelectorAll("p"), p => p.TextContent == "Styled paragraph");
    }

    [Fact]
    public void StyleElementsAreDroppedToo()
    {
        var html = ArticleMarkdown.ToHtml("Text.\n\n<style>body{display:none}</style>");

        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("display:none", html, StringComparison.Ordinal);
    }
}
