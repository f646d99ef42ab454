using System.Text.Json;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Articles;

/// <summary>The demo article shaped like the seed page: its discussion must read back exactly as written.</summary>
public sealed class SeedThreadTests(GazetteFactory site) : IClassFixture<GazetteFactory>
{
    private const string Url = "/articles/pikra-signals-plans-to-sell-phones-in-europe";

    [Fact]
    public async Task DiscussionReadsBackAsTheSeedShapedTree()
    {
        var page = await site.GetPageAsync(Url);

        var outline = ShownComment.Outline(ThreadReader.Read(page));

        Assert.Equal(
            """
            1. Marguerite L.
              Anonymous
                Kofi
                  Anselm
                Kofi
              ByteMeHarder
              harbourlight
                Okonkwo
              pixelwren
            2. Kofi
            3. harbourlight
            4. Jun Park
            5. Okonkwo
            6. late_to_the_party

            """.ReplaceLineEndings("\n"), outline);
    }

    [Fact]
    public async Task CommentCountSaysFourteen()
    {
        var page = await site.GetPageAsync(Url);

        Assert.Equal("14 comments", page.QuerySelector("#comments-title")!.TextContent);
        Assert.Contains("14 comments", page.QuerySelector(".byline")!.TextContent);
    }

    [Fact]
    public async Task EveryCommentTextIsShownExactlyAsWritten()
    {
        var written = WrittenComments().ToList();
        var page = await site.GetPageAsync(Url);

        var shown = Flatten(ThreadReader.Read(page)).ToList();

        Assert.Equal(written.Count, shown.Count);
        foreach (var (expected, actual) in written.Zip(shown))
        {
            Assert.Equal(expected, actual.Text);
        }
        Assert.EndsWith("😉", shown[8].Text, StringComparison.Ordinal);
        Assert.EndsWith("😀", shown[12].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyReplyKeepsItsPlaceInTheThread()
    {
        var page = await site.GetPageAsync(Url);

        var empty = ThreadReader.Read(page)[0].Replies[0].Replies[0].Replies[0];

        Assert.Equal("Anselm", empty.Author);
        Assert.Equal("", empty.Text);
        Assert.NotNull(page.GetElementById($"comment-{empty.Id}"));
    }

    [Fact]
    public async Task LineBreaksAndParagraphsAreKept()
    {
        var page = await site.GetPageAsync(Url);
        var thread = ThreadReader.Read(page);

        var multiLine = page.GetElementById($"comment-{thread[0].Replies[2].Replies[0].Id}")!.QuerySelector(".comment-text")!;
        var twoParagraphs = page.GetElementById($"comment-{thread[3].Id}")!.QuerySelector(".comment-text")!;

        Assert.Single(multiLine.QuerySelectorAll("br"));
        Assert.Equal(2, twoParagraphs.QuerySelectorAll("p").Length);
    }

    [Fact]
    public async Task EveryCommentHasAPermalinkAnchorAndAMachineReadableDate()
    {
        var page = await site.GetPageAsync(Url);

        foreach (var comment in Flatten(ThreadReader.Read(page)))
        {
            var element = page.GetElementById($"comment-{comment.Id}")!;
            Assert.Equal($"/comments/{comment.Id}", element.QuerySelector("a.comment-permalink")!.GetAttribute("href"));
            Assert.True(DateTime.TryParse(comment.DateTime, out _), $"comment {comment.Id} has datetime '{comment.DateTime}'");
        }
    }

    [Fact]
    public async Task LastCommentArrivedThreeDaysAfterTheOthers()
    {
        var page = await site.GetPageAsync(Url);
        var thread = ThreadReader.Read(page);

        var first = DateTime.Parse(thread[0].DateTime).ToUniversalTime();
        var last = DateTime.Parse(thread[5].DateTime).ToUniversalTime();

        Assert.True(last - first >= TimeSpan.FromDays(3), $"{first:o} then {last:o}");
    }

    private static IEnumerable<ShownComment> Flatten(IEnumerable<ShownComment> comments) =>
        comments.SelectMany(c => Flatten(c.Replies).Prepend(c));

    /// <summary>The bodies as written in the demo content, in reading order.</summary>
    private static IEnumerable<string> WrittenComments()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(
            AppContext.BaseDirectory, "Demo", "content", "demo-content.json")));
        var article = json.RootElement.GetProperty("articles").EnumerateArray()
            .Single(a => a.GetProperty("slug").GetString() == "pikra-signals-plans-to-sell-phones-in-europe");
        return Walk(article.GetProperty("comments")).ToList();

        static IEnumerable<string> Walk(JsonElement comments) => comments.EnumerateArray().SelectMany(c =>
            (c.TryGetProperty("replies", out var replies) ? Walk(replies) : []).Prepend(c.GetProperty("body").GetString()!));
    }
}
