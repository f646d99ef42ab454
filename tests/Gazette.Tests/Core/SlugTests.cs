using Gazette.Core.Text;

namespace Gazette.Tests.Core;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Pikra signals it is finally ready", "pikra-signals-it-is-finally-ready")]
    [InlineData("  Zoë’s café — 5G & AI!  ", "zoes-cafe-5g-ai")]
    [InlineData("Łódź", "odz")]
    [InlineData("山田", "")]
    [InlineData("Open Source", "open-source")]
    public void SlugIsLowercaseAsciiWordsJoinedByHyphens(string text, string slug)
    {
        Assert.Equal(slug, Slug.From(text));
    }

    [Fact]
    public void SlugIsCutAtItsMaximumLength()
    {
        var slug = Slug.From(string.Join(" ", Enumerable.Repeat("word", 100)));

        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.False(slug.EndsWith('-'));
    }
}
