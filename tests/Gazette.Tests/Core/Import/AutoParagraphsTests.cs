using Gazette.Core.Import.WordPress;

namespace Gazette.Tests.Core.Import;

/// <summary>Paragraphs from blank lines, as WordPress shows a classic-editor post (issue 13).</summary>
public sealed class AutoParagraphsTests
{
    [Fact]
    public void BlankLinesMakeParagraphsAndALineBreakABr()
    {
        Assert.Equal("<p>First paragraph.</p>\n<p>Second, line one<br />\nline two.</p>\n",
            AutoParagraphs.Apply("First paragraph.\r\n\r\nSecond, line one\r\nline two.\r\n"));
    }

    [Fact]
    public void InlineMarkupStaysInsideItsParagraph()
    {
        Assert.Equal("<p>Some <strong>bold</strong> and <a href=\"/x\">a link</a>.</p>\n",
            AutoParagraphs.Apply("Some <strong>bold</strong> and <a href=\"/x\">a link</a>."));
    }

    [Fact]
    public void BlocksStandOnTheirOwnAndListItemsAreNotWrapped()
    {
        Assert.Equal("<h2>Heading</h2>\n<p>Text.</p>\n<ul>\n<li>one</li>\n<li>two</li></ul>\n<p>After.</p>\n",
            AutoParagraphs.Apply("<h2>Heading</h2>\nText.\n<ul>\n<li>one</li>\n<li>two</li></ul>\nAfter."));
    }

    [Fact]
    public void AQuoteHoldsParagraphs()
    {
        Assert.Equal("<blockquote>\n<p>Quoted.</p>\n<p>More.</p></blockquote>\n", AutoParagraphs.Apply("<blockquote>Quoted.\n\nMore.</blockquote>"));
    }

    [Fact]
    public void PreformattedTextAndCommentsAreLeftAsTheyAre()
    {
        const string code = "<pre>line 1\n\n   line 3 <div>\n</pre>";

        Assert.Equal($"<p>Intro.</p>\n{code}\n<!--more-->\n<p>Rest.</p>\n", AutoParagraphs.Apply($"Intro.\n\n{code}\n<!--more-->\nRest."));
    }

    [Fact]
    public void BlockEditorContentIsReturnedUnchanged()
    {
        const string blocks = "<!-- wp:paragraph -->\n<p>Already marked up.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p>Two.</p>\n<!-- /wp:paragraph -->";

        Assert.Equal(blocks, AutoParagraphs.Apply(blocks));
    }

    [Fact]
    public void NoBlankLineIsLeftOutsidePreformattedText()
    {
        var html = AutoParagraphs.Apply("a\n\n\n\nb\n \n<div>\n\nc\n\n</div>\n\n<table><tr><td>x\n\ny</td></tr></table>");

        Assert.DoesNotContain("\n\n", html);
        Assert.Equal("<p>a</p>\n<p>b</p>\n<div>\n<p>c</p></div>\n<table>\n<tr>\n<td>\n<p>x</p>\n<p>y</p></td></tr></table>\n", html);
    }

    [Fact]
    public void EmptyTextGivesNothing()
    {
        Assert.Equal("", AutoParagraphs.Apply(" \n\n "));
    }
}
