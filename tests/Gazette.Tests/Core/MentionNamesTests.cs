using AngleSharp.Html.Parser;
using Gazette.Core.Text;

namespace Gazette.Tests.Core;

/// <summary>Issue 15: "@Name" of someone in the discussion links to their latest comment there; nothing else changes.</summary>
public sealed class MentionNamesTests
{
    private static readonly MentionNames Names = new([("Ana", 1), ("Ana Lee", 2), ("ana lee", 7), ("Bob <b>", 3), ("O'Brien", 4)]);

    private static AngleSharp.Dom.IElement Render(string body)
    {
        var html = Names.Link(CommentText.ToHtml(body), id => $"/comments/{id}");
        return new HtmlParser().ParseDocument($"<div id=c>{html}</div>").GetElementById("c")!;
    }

    [Fact]
    public void TheLongestNameOfTheDiscussionWinsAndLinksToItsLatestComment()
    {
        var text = Render("@Ana Lee and @ana, you both missed it.");

        var links = text.QuerySelectorAll("a.mention").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([("@Ana Lee", "/comments/7"), ("@ana", "/comments/1")], links);
        Assert.Equal("@Ana Lee and @ana, you both missed it.", text.TextContent);
    }

    [Fact]
    public void NamesWithMarkupOrQuotesAreMatchedAsTypedAndStayEscaped()
    {
        var text = Render("@Bob <b> and @O'Brien: <script>alert(1)</script>");

        Assert.Equal(["@Bob <b>", "@O'Brien"], text.QuerySelectorAll("a.mention").Select(a => a.TextContent));
        Assert.Empty(text.QuerySelectorAll("script, b"));
        Assert.Contains("<script>alert(1)</script>", text.TextContent);
    }

    [Fact]
    public void AddressesUnknownNamesCodeAndLinksAreLeftAlone()
    {
        var text = Render("mail ana@example.org, ask @Anastasia or @nobody, `@Ana` https://example.org/@Ana");

        Assert.Empty(text.QuerySelectorAll("a.mention"));
        Assert.Equal("@Ana", text.QuerySelector("code")!.TextContent);
    }

    [Fact]
    public void MentionsInsideBlockQuotesLink()
    {
        var text = Render("> @Ana Lee wrote:\n> it rained");

        Assert.Equal("/comments/7", text.QuerySelector("blockquote a.mention")!.GetAttribute("href"));
    }

    [Fact]
    public void WithoutAnAtSignTheStoredHtmlIsReturnedAsItIs()
    {
        var html = CommentText.ToHtml("Nothing to see here, *really*.");

        Assert.Same(html, Names.Link(html, id => $"/comments/{id}"));
    }
}
