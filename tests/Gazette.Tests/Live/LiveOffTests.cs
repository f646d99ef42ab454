using System.Net;
using AngleSharp.Html.Parser;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Moderation.Queue;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Live;

/// <summary>A site with <c>Live:Enabled=false</c> (issue 14).</summary>
public sealed class LiveOffSite : QueueSite
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Live:Enabled", "false")];
}

/// <summary>With live updates off, pages do not offer a stream, there is none, and writes record nothing for one.</summary>
public sealed class LiveOffTests(LiveOffSite site) : IClassFixture<LiveOffSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithLiveUpdatesOffPagesOfferNoStreamAndWritesRecordNoEvent()
    {
        var (_, slug) = await site.ArticleAsync("Live off story");
        using var writer = new ApiClient(site, "203.0.113.50");
        await writer.CommentAsync(slug, "No one is told live.");
        using var reader = site.CreateClient();

        var page = await new HtmlParser().ParseDocumentAsync(await reader.GetStringAsync($"/articles/{slug}", Cancel), Cancel);
        using var stream = await reader.GetAsync($"/live/articles/{slug}", Cancel);

        Assert.Null(page.GetElementById("comments")!.GetAttribute("data-live"));
        Assert.Null(page.GetElementById("comments")!.GetAttribute("data-live-after"));
        Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
        Assert.Equal("application/problem+json", stream.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await site.WithDbAsync(db => db.LiveEvents.CountAsync(Cancel)));
    }
}
