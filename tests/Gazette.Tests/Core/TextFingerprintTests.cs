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
        Assert.Equal(TextFingerprint.Of("guest:1", text), TextFingerprint.Of("guest:1", resent));
    }

    [Theory]
    [InlineData("NULL", "null")]
    [InlineData("I said it once.", "I said it twice.")]
    [InlineData("ab", "a b")]
    public void DifferentTextsHaveDifferentFingerprints(string one, string other)
    {
        Assert.NotEqual(TextFingerprint.Of("guest:1", one), TextFingerprint.Of("guest:1", other));
    }

    [Fact]
    public void TheSameTextFromAnotherWriterHasAnotherFingerprint()
    {
        Assert.NotEqual(TextFingerprint.Of("guest:1", "Hello"), TextFingerprint.Of("guest:2", "Hello"));
        Assert.NotEqual(TextFingerprint.Of("guest:1", "2\nHello"), TextFingerprint.Of("guest:1\n2", "Hello"));
    }

    [Fact]
    public void TextsThatUtf8CannotHoldStillHaveFingerprintsOfTheirOwn()
    {
        Assert.NotEqual(TextFingerprint.Of("guest:1", "lone \ud800"), TextFingerprint.Of("guest:1", "lone \udc00"));
    }

    [Fact]
    public void AFingerprintNeverChangesBetweenVersionsBecauseCommentsStoreIt()
    {
        Assert.Equal(-6408544769097025840, TextFingerprint.Of("account:42", "Hello,  world"));
    }
}
