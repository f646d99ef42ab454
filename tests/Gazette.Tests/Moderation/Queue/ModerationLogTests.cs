using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Moderation.Queue.QueueSite;

namespace Gazette.Tests.Moderation.Queue;

/// <summary>The moderation log: every moderator action with who, what, when and before/after, for administrators only.</summary>
public sealed class ModerationLogTests(QueueSite site) : IClassFixture<QueueSite>
{
    [Fact]
    public async Task AdministratorsReadEveryActionAndNarrowItByModeratorAndAction()
    {
        await using var fresh = new QueueSite();
        var (article, slug) = await fresh.ArticleAsync("Log story");
        var first = await fresh.CommentAsync(article, "First.");
        var second = await fresh.CommentAsync(article, "Second.");
        using var moderator = await fresh.ModeratorAsync();
        using var editor = await fresh.SignInAsStaffAsync("log.editor@example.com", Roles.Editor);
        var (_, form) = await QueueAsync(moderator, slug);
        (await Press(moderator, form!, "one", $"approve:{first}")).Dispose();
        fresh.Clock.Advance(TimeSpan.FromMinutes(5));
        (_, form) = await QueueAsync(editor, slug);
        (await Press(editor, form!, "one", $"spam:{second}", ($"note-{second}", "Advert."))).Dispose();
        using var admin = await fresh.SignInAsAdministratorAsync();

        var log = await admin.GetPageAsync("/admin/moderation/log");
        var byEditor = await admin.GetPageAsync("/admin/moderation/log?moderator=log.editor");
        var approvals = await admin.GetPageAsync("/admin/moderation/log?action=approve");

        var rows = log.QuerySelectorAll("tr.log-row").Select(r => (
            r.QuerySelector(".log-actor")!.TextContent, r.QuerySelector(".log-action")!.TextContent, r.QuerySelector(".log-target")!.TextContent.Trim(),
            r.QuerySelector(".log-change")!.TextContent.Trim(), r.QuerySelector(".log-note")!.TextContent, r.QuerySelector("time")!.GetAttribute("datetime"))).ToList();
        Assert.Equal(
            [("log.editor", "spam", $"comment {second}", "Pending → Spam", "Advert.", "2026-03-10T12:05:00Z"),
             ("moderator", "approve", $"comment {first}", "Pending → Approved", "", "2026-03-10T12:00:00Z")],
            rows);
        Assert.Equal(["log.editor"], byEditor.QuerySelectorAll("tr.log-row .log-actor").Select(c => c.TextContent).ToArray());
        Assert.Equal(["approve"], approvals.QuerySelectorAll("tr.log-row .log-action").Select(c => c.TextContent).ToArray());
        Assert.Equal(["", "log.editor", "moderator"], log.QuerySelectorAll("select[name=moderator] option").Select(o => o.GetAttribute("value")!).ToArray());
    }

    [Fact]
    public async Task ModeratorsAndEditorsCannotReadTheLog()
    {
        using var moderator = await site.ModeratorAsync();
        using var editor = await site.SignInAsEditorAsync();

        foreach (var browser in new[] { moderator, editor })
        {
            using var response = await browser.Http.GetAsync("/admin/moderation/log", TestContext.Current.CancellationToken);
            Assert.Equal("/account/denied", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
        }
        Assert.Null((await moderator.GetPageAsync("/admin/moderation")).QuerySelector(".moderation-nav a[href='/admin/moderation/log']"));
    }

    [Fact]
    public async Task AModeratorEditIsLoggedWithTheTextBeforeAndAfter()
    {
        var (article, _) = await site.ArticleAsync("Log edit story");
        var id = await site.CommentAsync(article, "Before <b>the</b> edit.", CommentStatus.Approved);
        using var moderator = await site.ModeratorAsync();
        var form = await moderator.GetFormAsync($"/admin/moderation/comments/{id}/edit", "form.moderator-edit");
        (await form.Set("Body", "After the edit.").SubmitAsync()).Dispose();
        using var admin = await site.SignInAsAdministratorAsync();

        var row = (await admin.GetPageAsync("/admin/moderation/log?action=edit")).QuerySelectorAll("tr.log-row")
            .Single(r => r.QuerySelector(".log-target")!.TextContent.Trim() == $"comment {id}");

        Assert.Equal("Before <b>the</b> edit.", row.QuerySelector(".log-before")!.TextContent);
        Assert.Empty(row.QuerySelectorAll(".log-before b"));
        Assert.Equal("After the edit.", row.QuerySelector(".log-after")!.TextContent);
    }
}
