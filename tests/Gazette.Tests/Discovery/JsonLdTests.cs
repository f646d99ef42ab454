using System.Text.Json;
using System.Text.RegularExpressions;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Discovery;

/// <summary>Issue 4: the article page's NewsArticle JSON-LD carries what Google's Article guidelines list, and the discussion.</summary>
public sealed partial class JsonLdTests(JsonLdTests.Site site) : IClassFixture<JsonLdTests.Site>
{
    public const string LongTitle =
        "Halcyon and Arcwright trade blows over AI performance claims, benchmarks, power draw, pricing and who really shipped first";

    public sealed class Site : EmptyGazetteFactory
    {
        public Site()
        {
            WithDbAsync(async db =>
            {
                var now = Now.UtcDateTime;
                var article = Article(LongTitle, now.AddDays(-2), Author("Ana Writer"), Category("Chips"), [Tag("AI")]);
                article.UpdatedAt = now.AddDays(-1).AddMinutes(-30);
                article.Image = new FeaturedImage { Path = "cd/chips", Alt = "Two chips", Width = 1600, Height = 1000 };
                db.Add(article);
                await db.SaveChangesAsync();
                var first = Comment(article, "Bea", "First <b>thoughts</b> & more", now.AddHours(-20));
                db.Comments.AddRange(first, Comment(article, "Cy", "A reply", now.AddHours(-19), first), Comment(article, null, "Second thread", now.AddHours(-18)));
                article.CommentCount = 3;
                await db.SaveChangesAsync();
            }).GetAwaiter().GetResult();
        }
    }

    private async Task<JsonElement> ArticleJsonAsync()
    {
        var page = await site.GetPageAsync("/articles/" + Gazette.Core.Text.Slug.From(LongTitle));
        using var json = JsonDocument.Parse(Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']")).TextContent);
        return json.RootElement.Clone();
    }

    private static void AssertAbsolute(JsonElement url) =>
        Assert.True(Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"{url} is not an absolute URL");

    private static void AssertIsoWithZone(JsonElement date)
    {
        var text = date.GetString()!;
        Assert.Matches(IsoWithZone(), text);
        Assert.True(DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _), text);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoWithZone();

    [Fact]
    public async Task ArticlePropertiesGoogleListsAreAllThere()
    {
        var article = await ArticleJsonAsync();

        Assert.Equal("https://schema.org", article.GetProperty("@context").GetString());
        Assert.Equal("NewsArticle", article.GetProperty("@type").GetString());

        var headline = article.GetProperty("headline").GetString()!;
        Assert.InRange(headline.Length, 20, 110);
        Assert.StartsWith(headline.TrimEnd('…'), LongTitle);
        Assert.EndsWith("…", headline);

        var images = article.GetProperty("image").EnumerateArray().ToList();
        Assert.Equal(3, images.Count);
        Assert.All(images, image => AssertAbsolute(image.GetProperty("url")));
        Assert.Equal("http://localhost/media/cd/chips-1600.jpg", images[0].GetProperty("url").GetString());
        Assert.Equal(1000, images[0].GetProperty("height").GetInt32());
        Assert.Equal(300, images[2].GetProperty("height").GetInt32()); // 480 wide, same ratio

        AssertIsoWithZone(article.GetProperty("datePublished"));
        AssertIsoWithZone(article.GetProperty("dateModified"));
        Assert.Equal("2026-03-08T12:00:00Z", article.GetProperty("datePublished").GetString());
        Assert.Equal("2026-03-09T11:30:00Z", article.GetProperty("dateModified").GetString());

        var author = Assert.Single(article.GetProperty("author").EnumerateArray());
        Assert.Equal("Person", author.GetProperty("@type").GetString());
        Assert.Equal("Ana Writer", author.GetProperty("name").GetString());
        Assert.Equal("http://localhost/author/ana-writer", author.GetProperty("url").GetString());

        var publisher = article.GetProperty("publisher");
        Assert.Equal("Gazette", publisher.GetProperty("name").GetString());
        AssertAbsolute(publisher.GetProperty("logo").GetProperty("url"));

        var url = "http://localhost/articles/" + Gazette.Core.Text.Slug.From(LongTitle);
        Assert.Equal(url, article.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal(url, article.GetProperty("url").GetString());
    }

    [Fact]
    public async Task TheDiscussionIsThereAsCommentsWithItsSize()
    {
        var article = await ArticleJsonAsync();

        Assert.Equal(3, article.GetProperty("commentCount").GetInt32());
        var comments = article.GetProperty("comment").EnumerateArray().ToList();
        Assert.Equal(2, comments.Count); // the page's top-level comments; the reply is counted, not repeated
        Assert.All(comments, comment =>
        {
            Assert.Equal("Comment", comment.GetProperty("@type").GetString());
            AssertAbsolute(comment.GetProperty("url"));
            AssertIsoWithZone(comment.GetProperty("dateCreated"));
            Assert.False(string.IsNullOrWhiteSpace(comment.GetProperty("author").GetProperty("name").GetString()));
        });
        Assert.Equal("First <b>thoughts</b> & more", comments[0].GetProperty("text").GetString());
    }

    [Fact]
    public void ShortHeadlinesStayWholeAndLongOnesBreakBetweenWords()
    {
        Assert.Equal("A short title", NewsArticleJsonLd.Headline("A short title"));
        var cut = NewsArticleJsonLd.Headline(LongTitle);
        Assert.True(cut.Length <= 110);
        Assert.EndsWith("who really…", cut);
    }
}
