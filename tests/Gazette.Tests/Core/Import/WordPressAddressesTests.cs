using Gazette.Core.Import.WordPress;

namespace Gazette.Tests.Core.Import;

/// <summary>WordPress's addresses for lists and feeds, mapped to Gazette's (issue 13).</summary>
public sealed class WordPressAddressesTests
{
    [Theory]
    [InlineData("/category/hardware/phones/foldables", "/category/foldables")]
    [InlineData("/category/news/page/3", "/category/news")]
    [InlineData("/category/news/feed", "/category/news/feed")]
    [InlineData("/tag/solar", "/tag/solar")]
    [InlineData("/author/mara", "/author/mara")]
    [InlineData("/2021/03", "/archive/2021/3")]
    [InlineData("/2021/03/02", "/archive/2021/3")]
    [InlineData("/2021", "/archive/2021")]
    [InlineData("/feed", "/feed")]
    [InlineData("/feed/rss2", "/feed")]
    [InlineData("/feed/atom", "/feed/atom")]
    [InlineData("/comments/feed", "/comments/feed")]
    [InlineData("?feed=rss2", "/feed")]
    [InlineData("?feed=comments-rss2", "/comments/feed")]
    public void AListOrFeedLeadsToGazettesOwn(string key, string expected) =>
        Assert.Equal(expected, WordPressAddresses.Resolve(key)?.Path);

    [Theory]
    [InlineData("/2021/03/02/a-story/feed", "/2021/03/02/a-story", "/comments/feed")]
    [InlineData("/2021/03/02/a-story/comment-page-2", "/2021/03/02/a-story", "")]
    public void APostsFeedOrCommentPageLeadsToThePost(string key, string post, string suffix)
    {
        var target = WordPressAddresses.Resolve(key);

        Assert.Equal(post, target?.PostKey);
        Assert.Equal(suffix, target?.Suffix);
    }

    [Theory]
    [InlineData("/2021/03/02/a-story")]
    [InlineData("/about")]
    [InlineData("?p=12")]
    public void AnythingElseIsNotAList(string key) => Assert.Null(WordPressAddresses.Resolve(key)?.Path);
}
