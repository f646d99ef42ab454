using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Newsroom;

/// <summary>
/// Issue 16: the newsroom's times in the site's zone, Paris here, whose clocks go forward on March 29, 2026 (02:00
/// becomes 03:00) and back on October 25 (03:00 becomes 02:00); and the calendar of what is scheduled, by Paris days.
/// </summary>
public sealed class SiteTimeZoneTests(SiteTimeZoneTests.Site site) : IClassFixture<SiteTimeZoneTests.Site>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    public sealed class Site : NewsroomSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Site:TimeZone", "Europe/Paris")];
    }

    [Fact]
    public async Task ATimeTheClocksSkipIsRefusedWithTheTextKept()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync()).Set("Input.Title", "Skipped hour").Set("Input.Body", "Kept words.")
            .Set("Input.PublishAt", "2026-03-29T02:30");

        var page = await editor.ReadPageAsync(await form.PressAsync("Schedule"));

        Assert.Equal("That time does not exist in Europe/Paris: the clocks skip it. Choose a time outside the change.", page.FieldError("Input.PublishAt"));
        Assert.Equal("Kept words.", page.QuerySelector("textarea[name='Input.Body']")!.TextContent.Trim());
    }

    [Fact]
    public async Task ATimeThatHappensTwiceIsTakenAsTheFirstAndTheEditorIsToldSo()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync()).Set("Input.Title", "Twice the hour").Set("Input.Body", "Words.")
            .Set("Input.PublishAt", "2026-10-25T02:30");

        var page = await NewsroomForms.SavedAsync(editor, await form.PressAsync("Schedule"));

        Assert.Equal(
            "Scheduled: it goes out on 2026-10-25 02:30 (Europe/Paris). 2026-10-25 02:30 happens twice in Europe/Paris as the clocks go back: it was taken as the first of the two (00:30 UTC).",
            page.QuerySelector(".form-done")!.TextContent);
        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc),
            await site.WithDbAsync(db => db.Articles.Where(a => a.Slug == "twice-the-hour").Select(a => a.PublishedAt).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task TheEditorNamesTheZoneAndShowsTheLastSaveInIt()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Saved in Paris", "Save");

        var page = await editor.GetPageAsync($"/admin/articles/{id}");

        Assert.Contains("In Europe/Paris.", page.GetElementById("publish-at-hint")!.TextContent);
        // 12:00 UTC on March 10 is 13:00 in Paris.
        Assert.Equal("Last saved March 10, 2026 at 13:00 (Europe/Paris) by editor", page.QuerySelector(".last-save")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheCalendarPutsArticlesOnTheirParisDayWithTheirParisTime()
    {
        using var editor = await site.SignInAsEditorAsync();
        // 00:30 in Paris on March 12 is still March 11 in UTC.
        var id = await editor.WriteAsync("Just after midnight", "Schedule", fill: form => form.Set("Input.PublishAt", "2026-03-12T00:30"));

        var calendar = await editor.GetPageAsync("/admin/calendar?month=2026-03");

        Assert.Equal("March 2026", calendar.QuerySelector("table.calendar caption")!.TextContent);
        var entry = calendar.QuerySelector($"td[data-day='2026-03-12'] li[data-article-id='{id}']")!;
        Assert.Equal("00:30", entry.QuerySelector("time")!.TextContent);
        Assert.Contains("status-scheduled", entry.ClassName);
        Assert.Null(calendar.QuerySelector($"td[data-day='2026-03-11'] li[data-article-id='{id}']"));
        var recent = await site.IdOfAsync("recent-story");
        Assert.NotNull(calendar.QuerySelector($"td[data-day='2026-03-09'] li.status-published[data-article-id='{recent}']"));
        Assert.Equal(ArticleStatus.Scheduled, await site.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync(Cancel)));
        await editor.GetPageAsync("/admin/calendar?month=March", 404);
    }
}
