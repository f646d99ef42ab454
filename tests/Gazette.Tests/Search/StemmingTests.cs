using AngleSharp.Dom;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Search;

/// <summary>
/// A reader's word form finds the other forms of the word (issue 11: "batteries" found 2 demo articles where "battery"
/// found 7), on both databases, with accents still folded and the matched forms marked.
/// </summary>
public sealed class StemmingTests(GazetteFactory site) : IClassFixture<GazetteFactory>
{
    private static List<string> Titles(IDocument page) =>
        page.QuerySelectorAll(".search-result h2 a").Select(a => a.TextContent).ToList();

    private static string Status(IDocument page) => page.QuerySelector(".search-status")!.TextContent.Trim();

    private Task<IDocument> SearchAsync(string query, int page = 1) =>
        site.GetPageAsync($"/search?q={Uri.EscapeDataString(query)}" + (page > 1 ? $"&page={page}" : ""));

    [Fact]
    public async Task BatteriesAndBatteryFindTheSameDemoArticles()
    {
        var batteries = await SearchAsync("batteries");
        var battery = await SearchAsync("battery");

        Assert.Equal("7 articles match batteries.", Status(batteries));
        Assert.Equal("7 articles match battery.", Status(battery));
        Assert.Equal(Titles(battery), Titles(batteries));
    }

    [Fact]
    public async Task TheFormsTheArticlesUseAreMarkedNotTheOneTyped()
    {
        var page = await SearchAsync("batteries");

        // Most of these articles say "battery" alone: that is what is marked in their passages.
        var marked = page.QuerySelectorAll(".search-result mark").Select(m => m.TextContent.ToLowerInvariant()).ToHashSet();
        Assert.Contains("battery", marked);
    }

    [Fact]
    public async Task AWordInTheMiddleOfTheQueryMatchesItsOtherFormsToo()
    {
        var plural = await SearchAsync("laptops review");
        var singular = await SearchAsync("laptop reviews");

        Assert.NotEmpty(Titles(plural));
        Assert.Equal(Titles(plural), Titles(singular));
    }
}
