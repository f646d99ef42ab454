using System.Globalization;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Newsroom;

/// <summary>
/// A scheduled article stays private until its time, then the publisher puts it out everywhere at once. The class
/// has a site of its own: it moves the clock.
/// </summary>
public sealed class SchedulingTests(SchedulingTests.Site site) : IClassFixture<SchedulingTests.Site>
{
    /// <summary>In Paris, so the time typed is not the UTC time stored.</summary>
    public sealed class Site : NewsroomSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Site:TimeZone", "Europe/Paris")];
    }

    [Fact]
    public async Task ScheduledArticleAppearsOnTheHomePageAndFeedOnceItsTimeHasComeAndThePublisherRuns()
    {
        using var editor = await site.SignInAsEditorAsync();
        var goesOut = WholeMinute(site.UtcNow.AddHours(3)); // the form takes minutes
        var paris = TimeZoneInfo.ConvertTimeFromUtc(goesOut, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        var id = await editor.WriteAsync("Embargoed story", "Schedule", "Not yet.",
            form => form.Set("Input.PublishAt", paris.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)));
        Assert.Equal((ArticleStatus.Scheduled, goesOut), await site.WithDbAsync(db =>
            Task.FromResult(db.Articles.Where(a => a.Id == id).Select(a => new { a.Status, a.PublishedAt }).AsEnumerable()
                .Select(a => (a.Status, a.PublishedAt)).Single())));
        Assert.DoesNotContain("Embargoed story", (await site.GetPageAsync("/")).Body!.TextContent);

        site.Clock.Advance(TimeSpan.FromHours(2));
        await site.RunPublisherAsync();
        await site.GetPageAsync("/articles/embargoed-story", 404);

        site.Clock.Advance(TimeSpan.FromHours(1));
        await site.RunPublisherAsync();

        var page = await site.GetPageAsync("/articles/embargoed-story");
        Assert.Equal("Embargoed story", page.QuerySelector("article.story h1")!.TextContent);
        Assert.Equal(Gazette.Infrastructure.DisplayDates.Machine(goesOut), page.QuerySelector(".byline time")!.GetAttribute("datetime"));
        Assert.Equal("Embargoed story", (await site.GetPageAsync("/")).QuerySelector(".article-list h2")!.TextContent.Trim());
        using var reader = site.CreateReader();
        Assert.Contains("/articles/embargoed-story", await reader.GetStringAsync("/feed", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ThePublishersOwnTimerPublishesWhenTheClockPassesTheTime()
    {
        using var editor = await site.SignInAsEditorAsync();
        var goesOut = WholeMinute(site.UtcNow.AddMinutes(10));
        var paris = TimeZoneInfo.ConvertTimeFromUtc(goesOut, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        await editor.WriteAsync("Timed story", "Schedule", fill: form => form.Set("Input.PublishAt", paris.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)));

        site.Clock.Advance(goesOut - site.UtcNow + TimeSpan.FromSeconds(30)); // past the time and a check of the timer

        // The timer's run happens on its own thread: wait for what it does, with a deadline.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await site.WithDbAsync(db => Task.FromResult(db.Articles.Single(a => a.Slug == "timed-story").Status)) != ArticleStatus.Published)
        {
            Assert.True(DateTime.UtcNow < deadline, "The publisher's timer did not publish the article.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        await site.GetPageAsync("/articles/timed-story");
    }

    private static DateTime WholeMinute(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
}
