using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Comments;

/// <summary>
/// Every line of the Big List of Naughty Strings, and a set of XSS vectors, posted through the HTML form: each is
/// stored exactly as typed (read back through the API, byte for byte), offered back unchanged in the edit form, and
/// shown as inert text in the allowed subset.
/// </summary>
public sealed class NaughtyInputTests(NaughtyInputTests.Site site) : IClassFixture<NaughtyInputTests.Site>
{
    public sealed class Site : EmptyGazetteFactory
    {
        // Every comment on one page: a thousand threads, and a budget that cuts none of them.
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Discussion:ThreadsPerPage", "1000"), new("Discussion:CommentBudget", "1000")];

        public Site()
        {
            WithDbAsync(async db =>
            {
                db.Add(Article("Naughty story", Now.UtcDateTime.AddHours(-1), Author("Ana Writer")));
                await db.SaveChangesAsync();
            }).GetAwaiter().GetResult();
        }
    }

    private static readonly string[] XssVectors =
    [
        "<script>alert('xss')</script>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "[click](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "<iframe src=\"https://example.org\"></iframe>",
        "\"><script>alert(1)</script>",
        "<body onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<<script>alert(1)//<</script>",
        "javascript:alert(1)",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<form action=\"https://example.org\"><button>go</button></form>",
        "<style>*{display:none}</style>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<!-- comment --><script>alert(1)</script>",
        "http://example.org/\"onmouseover=\"alert(1)",
        "<a href=\"https://example.org\" onclick=\"alert(1)\">x</a>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://example.org\">",
    ];

    private static readonly HashSet<string> AllowedTags = ["p", "br", "a", "em", "strong", "code", "blockquote"];

    [Fact]
    public async Task EveryNaughtyStringRoundTripsExactlyAndRendersInert()
    {
        // Once each: the corpus holds a few lines twice, and the same comment again from the same reader is refused (issue 5).
        var lines = SharedCorpora.NaughtyStrings().Concat(XssVectors).Distinct(StringComparer.Ordinal).ToList();
        using var author = new FormClient(site);
        var token = (await author.GetFormAsync("/articles/naughty-story/comment", "form.comment-form"))["__RequestVerificationToken"]!;
        var stored = new Dictionary<int, string>();
        var refused = new List<string>();

        foreach (var line in lines)
        {
            var name = NameFor(line);
            using var response = await author.Http.PostAsync("/articles/naughty-story/comment",
                new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("AuthorName", name), new("Body", line)]),
                TestContext.Current.CancellationToken);
            if (string.IsNullOrWhiteSpace(line))
            {
                // A blank body is refused with a message, never with a server error.
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                refused.Add(line);
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} for {line}");
            stored[int.Parse(response.Headers.Location!.OriginalString.Split('/').Last())] = line;
        }

        foreach (var (id, line) in stored)
        {
            var json = await ApiClient.JsonAsync(await author.Http.GetAsync($"/api/v1/comments/{id}", TestContext.Current.CancellationToken));
            Assert.Equal(line, json.GetProperty("body").GetString());
            Assert.Equal(string.IsNullOrWhiteSpace(NameFor(line)) ? "Anonymous" : NameFor(line), json.GetProperty("author").GetString());
            if (!HasControlCharacters(line))
            {
                var edit = await author.GetPageAsync($"/comments/{id}/edit");
                Assert.Equal(line, edit.QuerySelector<IHtmlTextAreaElement>("#Body")!.Value);
            }
        }

        var page = await author.GetPageAsync("/articles/naughty-story");
        AssertInert(page);
        foreach (var (id, line) in stored.Where(s => !HasControlCharacters(s.Value) && !string.IsNullOrWhiteSpace(NameFor(s.Value))))
        {
            Assert.Equal(NameFor(line), page.GetElementById($"comment-{id}")!.QuerySelector(".comment-author")!.TextContent);
        }
        Assert.Equal(lines.Count(l => !string.IsNullOrWhiteSpace(l)), stored.Count);
    }

    /// <summary>Names are naughty too, up to the 64 characters a name may have.</summary>
    private static string NameFor(string line) => line.Length <= 64 ? line : line[..(char.IsHighSurrogate(line[31]) ? 31 : 32)];

    /// <summary>
    /// HTML cannot carry C0 and C1 control characters (a parser turns &amp;#x80; into €): such lines are checked for
    /// exactness through the JSON API only.
    /// </summary>
    private static bool HasControlCharacters(string line) => line.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));

    private static void AssertInert(IDocument page)
    {
        // The comments are in the page's JSON-LD too: it must still be one intact data block, and no script beside it.
        var data = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        using (var json = System.Text.Json.JsonDocument.Parse(data.TextContent))
        {
            Assert.Equal("NewsArticle", json.RootElement.GetProperty("@type").GetString());
        }
        Assert.Empty(page.QuerySelectorAll("script:not([src]):not([type='application/ld+json'])"));
        Assert.Empty(page.QuerySelectorAll("#comments script, #comments iframe, #comments object, #comments embed, #comments svg, #comments math, #comments style, #comments form, #comments meta"));
        foreach (var text in page.QuerySelectorAll("#comments .comment-text"))
        {
            foreach (var element in text.QuerySelectorAll("*"))
            {
                Assert.Contains(element.LocalName, AllowedTags);
                Assert.All(element.Attributes, attribute => Assert.Contains(attribute.Name, new[] { "href", "rel" }));
                if (element.GetAttribute("href") is { } href)
                {
                    Assert.Matches("^(https?|mailto):", href);
                }
            }
        }
        Assert.DoesNotContain(page.QuerySelectorAll("#comments *").SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
    }
}
