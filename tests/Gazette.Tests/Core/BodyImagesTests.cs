using Gazette.Core.Text;

namespace Gazette.Tests.Core;

/// <summary>Issue 16: the Markdown the editor inserts for an image, and the uploads a body shows.</summary>
public sealed class BodyImagesTests
{
    private const string Url = "/media/uploads/0123456789abcdef0123456789abcdef-960.jpg";

    [Fact]
    public void AnImageWithoutCaptionIsOneLine() =>
        Assert.Equal($"![A chip]({Url})", BodyImages.Markdown("A chip", Url, null, " "));

    [Fact]
    public void TheCaptionAndCreditFollowOnOneLine() =>
        Assert.Equal($"![A chip]({Url})\n*On a fingertip* — Photo: Ada", BodyImages.Markdown("A chip", Url, "On a fingertip", "Photo: Ada"));

    [Fact]
    public void ACreditAloneFollowsAnEmDash() =>
        Assert.Equal($"![A chip]({Url})\n— Photo: Ada", BodyImages.Markdown("A chip", Url, "", "Photo: Ada"));

    [Fact]
    public void MarkdownPunctuationAndLineBreaksInTheTextStayText() =>
        Assert.Equal($"![A \\[chip\\] \\*here\\*]({Url})\n*two lines \\_in\\_ one*",
            BodyImages.Markdown("A [chip] *here*", Url, "two lines\n_in_ one", null));

    [Fact]
    public void TheUploadsABodyShowsAreFoundByTheirAddress()
    {
        var body = $"Text\n\n![a]({Url})\n\n![b](/media/uploads/ffffffffffffffffffffffffffffffff-480.jpg) and ![c](https://example.org/x.jpg)";

        Assert.Equal(["uploads/0123456789abcdef0123456789abcdef", "uploads/ffffffffffffffffffffffffffffffff"], BodyImages.UploadPaths(body).Order());
    }
}
