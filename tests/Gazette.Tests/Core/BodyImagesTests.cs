using Gazette.Core.Text;

namespace Gazette.Tests.Core;

/// <summary>Issue 16: the Markdown the editor inserts for an image, and the uploads a body shows.</summary>
public sealed class BodyImagesTests
{
    private const string Url = "/media/uploads/0123456789abcdef0123456789abcdef-960.jpg";

    [Fact]
    public void AnImageWithoutCaptionHasNoTitle() =>
        Assert.Equal($"![A chip]({Url})", BodyImages.Markdown("A chip", Url, null, " "));

    [Fact]
    public void TheCaptionAndCreditGoInTheTitle() =>
        Assert.Equal($"![A chip]({Url} \"On a fingertip | Photo: Ada\")", BodyImages.Markdown("A chip", Url, "On a fingertip", "Photo: Ada"));

    [Fact]
    public void ACreditAloneFollowsTheBar() =>
        Assert.Equal($"![A chip]({Url} \"| Photo: Ada\")", BodyImages.Markdown("A chip", Url, "", "Photo: Ada"));

    [Fact]
    public void MarkdownPunctuationQuotesAndLineBreaksInTheTextStayText() =>
        Assert.Equal($"![A \\[chip\\] \\*here\\*]({Url} \"two lines _in_ \\\"one\\\"\")",
            BodyImages.Markdown("A [chip] *here*", Url, "two lines\n_in_ \"one\"", null));

    /// <summary>What the editor inserts is what the article renderer makes a figure of (the two were written apart).</summary>
    [Theory]
    [InlineData("On a fingertip", "Photo: Ada", "On a fingertip", "Photo: Ada")]
    [InlineData("", "Photo: Ada", "", "Photo: Ada")]
    [InlineData("Quotes \"here\" and *stars* <b>", null, "Quotes \"here\" and *stars* <b>", "")]
    public void TheInsertedImageIsRenderedAsAFigureWithItsCaptionAndCredit(string caption, string? credit, string shownCaption, string shownCredit)
    {
        var html = ArticleMarkdown.ToHtml("Before.\n\n" + BodyImages.Markdown("A chip", Url, caption, credit) + "\n\nAfter.");
        var figure = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("figure")!;

        Assert.Equal("A chip", figure.QuerySelector("img")!.GetAttribute("alt"));
        var figcaption = figure.QuerySelector("figcaption")!;
        Assert.Equal(shownCredit, figcaption.QuerySelector(".credit")?.TextContent ?? "");
        Assert.Equal(shownCaption, (figcaption.TextContent[..(figcaption.TextContent.Length - shownCredit.Length)]).Trim());
    }

    [Fact]
    public void TheUploadsABodyShowsAreFoundByTheirAddress()
    {
        var body = $"Text\n\n![a]({Url})\n\n![b](/media/uploads/ffffffffffffffffffffffffffffffff-480.jpg) and ![c](https://example.org/x.jpg)";

        Assert.Equal(["uploads/0123456789abcdef0123456789abcdef", "uploads/ffffffffffffffffffffffffffffffff"], BodyImages.UploadPaths(body).Order());
    }
}
