using System.Text;
using Gazette.Core.Text;

namespace Gazette.Tests.Core;

/// <summary>Finding NUL (U+0000) in what people send, to refuse it alike on both databases (issue 11).</summary>
public sealed class NulCharactersTests
{
    [Theory]
    [InlineData("""{"body":"a\u0000b"}""", new[] { "body" })]
    [InlineData("""{"body":"fine","authorName":"\u0000"}""", new[] { "authorName" })]
    [InlineData("""{"outer":{"inner":"x\u0000"},"list":["ok","\u0000",{"text":"\u0000"}]}""", new[] { "outer.inner", "list[1]", "list[2].text" })]
    [InlineData("""["\u0000"]""", new[] { "[0]" })]
    [InlineData("""{"na\u0000me":"value"}""", new[] { "name" })]
    [InlineData("""{"body":"a\\u0000b","n":1,"t":true}""", new string[0])]
    [InlineData("""{"body":"written \u2028 and \u0001"}""", new string[0])]
    [InlineData("""not json \u0000""", new string[0])]
    [InlineData("", new string[0])]
    public void FindsWhereAJsonDocumentHoldsNul(string json, string[] expected)
    {
        var faults = NulCharacters.InJson(Encoding.UTF8.GetBytes(json));

        Assert.Equal(expected, faults.Nul);
        Assert.Empty(faults.LoneSurrogates);
    }

    [Theory]
    [InlineData("""{"body":"lone \uD800 high"}""", new[] { "body" })]
    [InlineData("""{"a":"ok","b":["\uDC00"]}""", new[] { "b[0]" })]
    [InlineData("""{"pair":"\uD83D\uDE00"}""", new string[0])]
    public void FindsEscapesThatAreNoCharacter(string json, string[] expected)
    {
        Assert.Equal(expected, NulCharacters.InJson(Encoding.UTF8.GetBytes(json)).LoneSurrogates);
    }

    [Fact]
    public void RemovesNulAndNothingElse()
    {
        Assert.Equal("ab\u0001c", NulCharacters.Remove("a\0b\u0001c\0"));
        Assert.True(NulCharacters.In("a\0"));
        Assert.False(NulCharacters.In("a\u0001"));
        Assert.False(NulCharacters.In(null));
    }
}
