using System.Globalization;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Newsroom;

/// <summary>Draft, submitted, scheduled, published, unpublished: what readers see at each step.</summary>
public sealed class LifecycleTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    [Fact]
    public async Task DraftIsNotPublic()
    {
        using var author = await site.SignInAsAuthorAsync("draft-author@example.com");
        await author.WriteAsync("A quiet draft", "Save draft");

        await site.GetPageAsync("/articles/a-quiet-draft", 404);
        Assert.DoesNotContain("A quiet draft", (await site.GetPageAsync("/")).Body!.TextContent);
    }

    [Fact]
    public async Task SubmittedArticleIsNotPublicAndEditorsSeeItAsSubmitted()
    {
        using var author = await site.SignInAsAuthorAsync("submitting-author@example.com");
        var id = await author.WriteAsync("Ready for review", "Submit for review");

        await site.GetPageAsync("/articles/ready-for-review", 404);
        using var editor = await site.SignInAsEditorAsync();
        var list = await editor.GetPageAsync("/admin/articles?status=Submitted");
        var row = list.QuerySelector($"tr[data-article-id='{id}']")!;
        Assert.Equal("Submitted for review", row.QuerySelector(".status")!.TextContent.Trim());
    }

    [Fact]
    public async Task PublishingPutsTheArticleOnItsPageTheHomePageAndTheFeed()
    {
        using var editor = await site.SignInAsEditorAsync();
        Assert.DoesNotContain("Published at once", (await site.GetPageAsync("/")).Body!.TextContent); // cached before

        await editor.WriteAsync("Published at once", "Publish now", "Straight **out**.");

        var page = await site.GetPageAsync("/articles/published-at-once");
        Assert.Equal("out", page.QuerySelector(".story-body strong")!.TextContent);
        Assert.Equal(DisplayTime(site.UtcNow), page.QuerySelector(".byline time")!.GetAttribute("datetime"));
        Assert.Contains("Published at once", (await site.GetPageAsync("/")).QuerySelector(".article-list")!.TextContent);
        Assert.Contains("/articles/published-at-once", await ReadAsync("/feed"));
    }

    [Fact]
    public async Task UnpublishingTakesTheArticleOffItsPageAndEveryList()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Soon withdrawn", "Publish now");
        await site.GetPageAsync("/articles/soon-withdrawn");
        Assert.Contains("Soon withdrawn", (await site.GetPageAsync("/")).Body!.TextContent);

        await editor.EditAsync(id, "Unpublish");

        await site.GetPageAsync("/articles/soon-withdrawn", 404);
        Assert.DoesNotContain("Soon withdrawn", (await site.GetPageAsync("/")).Body!.TextContent);
        Assert.DoesNotContain("Soon withdrawn", (await site.GetPageAsync("/category/phones")).Body!.TextContent + "");
        Assert.DoesNotContain("soon-withdrawn", await ReadAsync("/feed"));
        var list = await editor.GetPageAsync("/admin/articles");
        Assert.Equal("Unpublished", list.QuerySelector($"tr[data-article-id='{id}'] .status")!.TextContent.Trim());
    }

    [Fact]
    public async Task RepublishingKeepsTheFirstPublicationTimeUnlessTheEditorChangesIt()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Out twice", "Publish now");
        var first = await PublishedAtAsync(id);
        await editor.EditAsync(id, "Unpublish");
        site.Clock.Advance(TimeSpan.FromHours(2));

        await editor.EditAsync(id, "Publish now");
        Assert.Equal(first, await PublishedAtAsync(id));

        var chosen = first.AddDays(-1).AddTicks(-(first.Ticks % TimeSpan.TicksPerMinute)); // the form takes minutes
        await editor.EditAsync(id, "Publish now", form => form.Set("Input.PublishAt", chosen.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)));
        Assert.Equal(chosen, await PublishedAtAsync(id));
    }

    [Fact]
    public async Task SchedulingNeedsATimeToCome()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync()).Set("Input.Title", "Scheduled in the past")
            .Set("Input.PublishAt", site.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));

        var page = await editor.ReadPageAsync(await form.PressAsync("Schedule"));

        Assert.Equal("That time has passed. Choose a time to come, or publish now.", page.FieldError("Input.PublishAt"));
        Assert.Equal("Scheduled in the past", editor.Form(page, NewsroomForms.EditorForm)["Input.Title"]);
    }

    [Fact]
    public async Task AuthorCannotChangeAPublishedArticle()
    {
        using var author = await site.SignInAsAuthorAsync("late-author@example.com");
        var id = await author.WriteAsync("Already out", "Submit for review");
        using var editor = await site.SignInAsEditorAsync();
        await editor.EditAsync(id, "Publish now");

        var form = await author.EditorFormAsync(id);
        Assert.Empty(form.Element.QuerySelectorAll("button[name=Do]"));
        using var response = await author.Http.PostAsync($"/admin/articles/{id}",
            new FormUrlEncodedContent([.. form.Set("Input.Title", "Changed behind the editors").Values, new("Do", "save")]),
            TestContext.Current.CancellationToken);

        var page = await author.ReadPageAsync(response);
        Assert.Contains("only an editor can change it now", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("Already out", (await site.GetPageAsync("/articles/already-out")).QuerySelector("h1")!.TextContent);
    }

    private Task<DateTime> PublishedAtAsync(int id) =>
        site.WithDbAsync(db => Task.FromResult(db.Articles.Single(a => a.Id == id).PublishedAt));

    private async Task<string> ReadAsync(string url)
    {
        using var reader = site.CreateReader();
        return await reader.GetStringAsync(url, TestContext.Current.CancellationToken);
    }

    private static string DisplayTime(DateTime utc) => Gazette.Infrastructure.DisplayDates.Machine(utc);
}
