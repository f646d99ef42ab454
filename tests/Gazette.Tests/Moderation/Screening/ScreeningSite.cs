using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Administration;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Moderation;
using Gazette.Tests.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Moderation.Screening;

/// <summary>
/// The discussion site (an open article with one comment) with a banned-word list of its own and the default suspect
/// words. Tests that change the rules do it the way an administrator's save does (site settings, live at once), each
/// from the site's own rules, so the order of tests never matters.
/// </summary>
public class ScreeningSite : DiscussionSite
{
    public const string Slug = "open-story";
    public const string WriteUrl = Open + "/comment";

    /// <summary>Banned here: a whole-word list with the Scunthorpe traps in it, and one harmless word the tests can use freely.</summary>
    public const string BannedWords = "cunt\nrapist\nass\nmuppet*";

    public ScreeningSite()
    {
        UseRulesAsync().GetAwaiter().GetResult();
    }

    /// <summary>
    /// This site's own rules over the defaults, saved as site settings, as an administrator would: the test
    /// configuration would win over anything saved on /admin/moderation/rules (it is the last source added).
    /// </summary>
    protected virtual IEnumerable<(string Name, string Value)> Rules => [("BannedWords", BannedWords)];

    /// <summary>Sets the site's rules and these over them as /admin/moderation/rules saves them, clearing what a previous test saved.</summary>
    public async Task UseRulesAsync(params (string Name, string Value)[] rules)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        var store = scope.ServiceProvider.GetRequiredService<SiteSettingsStore>();
        await db.SiteSettings.Where(s => s.Key.StartsWith("Moderation:")).ExecuteDeleteAsync();
        await store.LoadAsync();
        var all = Rules.Concat(rules).GroupBy(r => r.Name).ToDictionary(g => $"Moderation:{g.Key}", g => g.Last().Value);
        await store.SaveAsync(db, all, CancellationToken.None);
    }

    /// <summary>Fills the comment form and sends it, as a reader without JavaScript.</summary>
    public static async Task<HttpResponseMessage> PostAsync(
        FormClient browser, string body, string? name = null, string? email = null, Action<Form>? alter = null, string? replyTo = null)
    {
        var form = await browser.GetFormAsync(replyTo is null ? WriteUrl : $"{WriteUrl}?replyTo={replyTo}", "form.comment-form");
        form.Set("Body", body);
        if (name is not null)
        {
            form.Set("AuthorName", name);
        }
        if (email is not null)
        {
            form.Set("AuthorEmail", email);
        }
        alter?.Invoke(form);
        return await form.SubmitAsync();
    }

    /// <summary>Posts through the form and returns the new comment's id, asserting the usual redirect to its permalink.</summary>
    public static async Task<int> PostedIdAsync(FormClient browser, string body, string? name = null, string? email = null, Action<Form>? alter = null)
    {
        using var response = await PostAsync(browser, body, name, email, alter);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var permalink = response.Headers.Location!.OriginalString;
        Assert.Matches(@"^/comments/\d+$", permalink);
        return int.Parse(permalink.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<Comment> CommentAsync(int id) =>
        WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Id == id, TestContext.Current.CancellationToken));

    public async Task<ModerationRecord> RecordAsync(int id) => ModerationRecord.Read((await CommentAsync(id)).ModerationReasons);

    public Task<int> StoredCountAsync() =>
        WithDbAsync(db => db.Articles.Where(a => a.Slug == Slug).Select(a => a.CommentCount).SingleAsync(TestContext.Current.CancellationToken));

    /// <summary>The count a reader reads in the discussion's heading.</summary>
    public static int ShownCount(IDocument page)
    {
        var title = page.QuerySelector("#comments-title")!.TextContent;
        return title == "No comments" ? 0 : int.Parse(title.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A reader who has taken part (their own cookie), so their page is drawn for them, never from the cache.</summary>
    public async Task<FormClient> ParticipantAsync()
    {
        var reader = Browser();
        await PostedIdAsync(reader, $"Just reading along, {Guid.NewGuid():N}.");
        return reader;
    }

    public static string TextareaValue(IDocument page) => page.QuerySelector<IHtmlTextAreaElement>("#Body")!.Value;
}
