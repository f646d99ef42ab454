using Gazette.Search;

namespace Gazette.Tests.Search;

/// <summary>How a reader's text becomes words, and the words an FTS5 query that cannot be anything but words.</summary>
public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("quantum chips", "\"quantum\" \"chips\"*")]
    [InlineData("say \"hi\"", "\"say\" \"\"\"hi\"\"\"*")]
    [InlineData("NEAR(a b) OR c", "\"NEAR(a\" \"b)\" \"OR\" \"c\"")]
    [InlineData("col:term ^x", "\"col:term\" \"^x\"")]
    [InlineData("  -- !!! ok ** ", "\"ok\"")]
    public void WordsAreQuotedAndOnlyALongerLastWordIsAPrefix(string typed, string expected)
    {
        Assert.Equal(expected, SqliteArticleSearch.MatchExpression(SearchTerms.Parse(typed)));
    }

    [Fact]
    public void TextIsCutAtTheLimitWithoutSplittingACharacter()
    {
        var typed = new string('a', SearchTerms.MaxLength - 1) + "😀 more";

        var terms = SearchTerms.Parse(typed);

        Assert.Equal(SearchTerms.MaxLength - 1, terms.Text.Length);
        Assert.Single(terms.Words);
    }

    [Fact]
    public void AtMostTwelveWordsAreKept()
    {
        var terms = SearchTerms.Parse(string.Join(" ", Enumerable.Range(1, 40).Select(i => $"w{i}")));

        Assert.Equal(SearchTerms.MaxWords, terms.Words.Count);
    }
}
