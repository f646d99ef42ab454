using Gazette.Core.Text;

namespace Gazette.Tests.Core;

public sealed class TextFingerprintTests
{
    [Theory]
    [InlineData("I said it once and I will say it once.", "  I said it once   and I will say it once. ")]
    [InlineData("two\nlines", "two \t lines\n")]
    [InlineData("no\u00a0break", "no break")]
    public void TheSameWordsWithOtherSpacingHaveTheSameFingerprint(string text, string resent)
    {
        Assert.Equal(TextFingerprint.Of(text), TextFingerprint.Of(resent));
    }

    [Theory]
    [InlineData("NULL", "null")]
    [InlineData("I said it once.", "I said it twice.")]
    [InlineData("ab", "a b")]
    public void DifferentTextsHaveDifferentFingerprints(string one, string other)
    {
        Assert.NotEqual(TextFingerprint.Of(one), TextFingerprint.Of(other));
    }

    [Fact]
    public void TextsThatUtf8CannotHoldStillHaveFingerprintsOfTheirOwn()
    {
        Assert.NotEqual(TextFingerprint.Of("lone \ud800"), TextFingerprint.Of("lone \udc00"));
    }

    [Fact]
    public void AFingerprintNeverChangesBetweenVersionsBecauseCommentsStoreIt()
    {
        Assert.Equal(-686248185752214157, TextFingerprint.Of("Hello, world"));
    }
}
