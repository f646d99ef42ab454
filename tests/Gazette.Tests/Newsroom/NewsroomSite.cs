using System.Net;
using AngleSharp.Dom;
using Gazette.Newsroom;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Newsroom;

/// <summary>
/// An empty site with two sections and three published stories by a byline no account holds (to pin, and to belong to
/// someone else), one of them discussed this week. Each test writes its own articles through the editor, with titles of its own.
/// </summary>
public class NewsroomSite : EmptyGazetteFactory
{
    public NewsroomSite()
    {
        WithDbAsync(async db =>
        {
            var ana = Author("Ana Writer");
            var phones = Category("Phones");
            db.Add(Category("Chips"));
            var recent = Article("Recent story", Now.UtcDateTime.AddDays(-1), ana, phones);
            db.AddRange(
                Article("Older story", Now.UtcDateTime.AddDays(-3), ana, phones),
                Article("Middle story", Now.UtcDateTime.AddDays(-2), ana, phones),
                recent);
            await db.SaveChangesAsync();
            // Discussed this week: the "news of the week" block is on every page, previews included.
            db.AddRange(Comment(recent, "Reader", "First!", Now.UtcDateTime.AddHours(-3)), Comment(recent, "Reader", "Second.", Now.UtcDateTime.AddHours(-2)));
            recent.CommentCount = 2;
            await db.SaveChangesAsync();
        }).GetAwaiter().GetResult();
    }

    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    /// <summary>Runs the scheduled publisher now, as its timer would.</summary>
    public Task<IReadOnlyList<string>> RunPublisherAsync() =>
        Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(TestContext.Current.CancellationToken);

    public Task<int> IdOfAsync(string slug) =>
        WithDbAsync(db => Task.FromResult(db.Articles.Where(a => a.Slug == slug).Select(a => a.Id).Single()));
}

/// <summary>The newsroom's forms as a staff member uses them.</summary>
public static class NewsroomForms
{
    public const string EditorForm = "form.editor-form";

    /// <summary>A JPEG photo of the demo site: what a photographer would upload.</summary>
    public static byte[] Jpeg() =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Demo", "content", "images", "arcwright-open-sources-smallest-risc-core-1600.jpg"));

    public static Task<Form> NewArticleFormAsync(this FormClient staff) => staff.GetFormAsync("/admin/articles/new", EditorForm);

    public static Task<Form> EditorFormAsync(this FormClient staff, int id) => staff.GetFormAsync($"/admin/articles/{id}", EditorForm);

    /// <summary>Writes a new article and presses a button; returns its id (the editor it lands on).</summary>
    public static async Task<int> WriteAsync(this FormClient staff, string title, string button, string body = "Some words.", Action<Form>? fill = null)
    {
        var form = (await staff.NewArticleFormAsync()).Set("Input.Title", title).Set("Input.Body", body);
        fill?.Invoke(form);
        using var response = await form.PressAsync(button);
        return IdFrom(await SavedAsync(staff, response));
    }

    /// <summary>Opens an article's editor, changes it, presses a button; asserts it saved.</summary>
    public static async Task EditAsync(this FormClient staff, int id, string button, Action<Form>? fill = null)
    {
        var form = await staff.EditorFormAsync(id);
        fill?.Invoke(form);
        using var response = await form.PressAsync(button);
        await SavedAsync(staff, response);
    }

    /// <summary>Asserts the save went through (back to the editor, which says so) and returns the editor's page.</summary>
    public static async Task<IDocument> SavedAsync(FormClient staff, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await staff.ReadPageAsync(response);
            var errors = string.Join(" ", page.QuerySelectorAll(".form-errors li").Select(li => li.TextContent.Trim()));
            Assert.Fail($"The save was refused: {(errors.Length > 0 ? errors : null) ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        var editor = await staff.FollowAsync(response);
        Assert.NotNull(editor.QuerySelector("[role=status].form-done"));
        return editor;
    }

    public static int IdFrom(IDocument editor) => int.Parse(new Uri(editor.Url).AbsolutePath.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A refusal of a staff page: sent to /account/denied, which answers 403.</summary>
    public static async Task AssertDeniedAsync(this FormClient staff, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        Assert.StartsWith("/account/denied", path);
        await staff.GetPageAsync(path, 403);
    }

    /// <summary>The messages next to the fields of a page shown again with errors, by field name.</summary>
    public static string? FieldError(this IDocument page, string field) =>
        page.GetElementById(field.Replace('.', '_').Replace('[', '_').Replace(']', '_') + "-error")?.TextContent.Trim() is { Length: > 0 } message ? message : null;
}
