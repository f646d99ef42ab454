using System.Net;
using System.Xml;
using System.Xml.Linq;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Feeds;

/// <summary>
/// Characters XML 1.0 forbids (C0 controls but tab and newlines, U+FFFE, lone surrogates) may be stored in a comment,
/// a guest's name or an article's title; every XML Gazette writes stays well-formed all the same, with U+FFFD in their
/// place, and what is stored stays as typed (issue 11).
/// </summary>
public sealed class ForbiddenCharacterTests(ForbiddenCharacterTests.Site site) : IClassFixture<ForbiddenCharacterTests.Site>
{
    public const string ControlTitle = "Control \u0001 story";

    /// <summary>
    /// An article whose title holds U+0001 and a plain one, with the comments of the reproduction: a body with a
    /// vertical tab, a guest named with a bell, and a comment edited to hold U+0001.
    /// </summary>
    public sealed class Site : EmptyGazetteFactory, IAsyncLifetime
    {
        public int BodyComment { get; private set; }
        public int NamedComment { get; private set; }
        public int EditedComment { get; private set; }

        public async ValueTask InitializeAsync()
        {
            await WithDbAsync(async db =>
            {
                var author = Author("Ana Writer");
                var phones = Category("Phones");
                db.Add(Article(ControlTitle, Now.UtcDateTime.AddHours(-2), author, phones, [Tag("Android")], body: "A body with \u0002 in it."));
                db.Add(Article("Plain story", Now.UtcDateTime.AddHours(-1), author, phones));
                await db.SaveChangesAsync();
            });
            using var script = new ApiClient(this, "203.0.113.50");
            BodyComment = await script.CommentAsync("plain-story", "hello \u000B world");
            NamedComment = await script.CommentAsync("plain-story", "A name to ring", name: "Bell \u0007 ringer");
            EditedComment = await script.CommentAsync("plain-story", "edited later");
            using var edit = await script.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{EditedComment}", new { body = "edited \u0001 later" });
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
            await script.CommentAsync("control-story", "On the story with a control character in its title.");
        }
    }

    /// <summary>Every XML document the site writes that could carry these articles and comments.</summary>
    public static readonly TheoryData<string> XmlDocuments =
    [
        "/feed", "/feed/atom", "/category/phones/feed", "/category/phones/feed/atom", "/tag/android/feed", "/author/ana-writer/feed/atom",
        "/comments/feed", "/articles/plain-story/comments/feed", "/articles/control-story/comments/feed",
        "/sitemap.xml", "/news-sitemap.xml",
    ];

    [Theory]
    [MemberData(nameof(XmlDocuments))]
    public async Task EveryXmlDocumentStaysWellFormedWithForbiddenCharactersStored(string url)
    {
        using var client = site.CreateReader();

        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // XmlReader checks characters as XML 1.0 says: a forbidden one, raw or as &#x1;, throws.
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { CheckCharacters = true });
        var document = XDocument.Load(reader);
        Assert.NotNull(document.Root);
    }

    [Fact]
    public async Task CommentFeedShowsTheReplacementCharacterWhereAForbiddenOneIsStored()
    {
        using var client = site.CreateReader();

        var feed = XDocument.Parse(await client.GetStringAsync("/articles/plain-story/comments/feed", TestContext.Current.CancellationToken));

        var items = feed.Descendants("item").ToList();
        Assert.Contains(items, i => i.Element("description")!.Value.Contains("hello \uFFFD world", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Element("title")!.Value == "Bell \uFFFD ringer on Plain story");
        Assert.Contains(items, i => i.Element("description")!.Value.Contains("edited \uFFFD later", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheApiStillGivesBackWhatWasTyped()
    {
        using var script = new ApiClient(site);

        var bodyJson = await ApiClient.JsonAsync(await script.Http.GetAsync($"/api/v1/comments/{site.BodyComment}", TestContext.Current.CancellationToken));
        var namedJson = await ApiClient.JsonAsync(await script.Http.GetAsync($"/api/v1/comments/{site.NamedComment}", TestContext.Current.CancellationToken));
        var editedJson = await ApiClient.JsonAsync(await script.Http.GetAsync($"/api/v1/comments/{site.EditedComment}", TestContext.Current.CancellationToken));

        Assert.Equal("hello \u000B world", bodyJson.GetProperty("body").GetString());
        Assert.Equal("Bell \u0007 ringer", namedJson.GetProperty("author").GetString());
        Assert.Equal("edited \u0001 later", editedJson.GetProperty("body").GetString());
    }
}
