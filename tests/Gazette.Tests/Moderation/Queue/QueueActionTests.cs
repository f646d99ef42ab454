using System.Net;
using Gazette.Comments;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Moderation.Queue.QueueSite;

namespace Gazette.Tests.Moderation.Queue;

/// <summary>The queue's decisions, one comment at a time and in bulk: status, visible count, public page, reasons, log.</summary>
public sealed class QueueActionTests(QueueSite site) : IClassFixture<QueueSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApprovingAHeldCommentPublishesItCountsItAndLogsIt()
    {
        var (article, slug) = await site.ArticleAsync("Approve story");
        await site.CommentAsync(article, "Already out.", CommentStatus.Approved);
        var held = await site.CommentAsync(article, "Buy cheap watches at http://a.example http://b.example http://c.example",
            record: Held("links", "3 links; more than 2 are held", 0.6, "http://a.example", "http://b.example", "http://c.example"));
        Assert.DoesNotContain(held, await site.PublicCommentIdsAsync(slug)); // and the page is now in the page cache
        using var moderator = await site.ModeratorAsync();
        var (_, form) = await QueueAsync(moderator, slug);

        using var response = await Press(moderator, form!, "one", $"approve:{held}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await moderator.FollowAsync(response);
        Assert.Equal("Approved 1 comment.", after.QuerySelector(".queue-done")!.TextContent);
        Assert.Empty(ItemIds(after));
        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(held));
        Assert.Equal(2, await site.CountAsync(article));
        Assert.Contains(held, await site.PublicCommentIdsAsync(slug));
        Assert.Equal("2 comments", (await site.GetPageAsync($"/articles/{slug}")).QuerySelector("#comments-title")!.TextContent);
        var entry = await LastLogAsync(held);
        Assert.Equal(("approve", "Pending", "Approved", "moderator"), (entry.Action, entry.Before, entry.After, entry.ActorName));
        var comment = await site.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == held, Cancel));
        Assert.Equal("moderator", comment.ModeratedBy);
        Assert.Equal(GazetteFactory.Now.UtcDateTime, comment.ModeratedAt);
    }

    [Fact]
    public async Task SpamAndTrashTakeAPublishedCommentDownAndTellTheAuthorWhy()
    {
        var (article, slug) = await site.ArticleAsync("Take down story");
        var spam = await site.CommentAsync(article, "Visit my shop.", CommentStatus.Approved);
        var rude = await site.CommentAsync(article, "You are all fools.", CommentStatus.Approved);
        Assert.Equal([spam, rude], await site.PublicCommentIdsAsync(slug));
        using var moderator = await site.ModeratorAsync();
        var (_, form) = await QueueAsync(moderator, slug, "approved");

        (await Press(moderator, form!, "one", $"spam:{spam}")).Dispose();
        (_, form) = await QueueAsync(moderator, slug, "approved");
        (await Press(moderator, form!, "one", $"trash:{rude}", ($"note-{rude}", "Insults are not debate."))).Dispose();

        Assert.Equal(CommentStatus.Spam, await site.StatusAsync(spam));
        Assert.Equal(CommentStatus.Trashed, await site.StatusAsync(rude));
        Assert.Equal(0, await site.CountAsync(article));
        Assert.Empty(await site.PublicCommentIdsAsync(slug));
        var reasons = ModerationRecord.Read(await site.WithDbAsync(db => db.Comments.Where(c => c.Id == rude).Select(c => c.ModerationReasons).SingleAsync(Cancel)));
        var reason = Assert.Single(reasons.Reasons);
        Assert.Equal("moderator", reason.Rule);
        Assert.Contains("removed", reason.Explanation);
        Assert.Contains("Insults are not debate.", reason.Explanation);
        var trashed = await LastLogAsync(rude);
        Assert.Equal(("trash", "Approved", "Trashed", "Insults are not debate."), (trashed.Action, trashed.Before, trashed.After, trashed.Note));
        var spammed = await LastLogAsync(spam);
        Assert.Equal(("spam", "Approved", "Spam"), (spammed.Action, spammed.Before, spammed.After));
    }

    [Fact]
    public async Task RestoreReturnsACommentToWhatItWasBeforeOrPublishesIt()
    {
        var (article, slug) = await site.ArticleAsync("Restore story");
        var wasPublished = await site.CommentAsync(article, "Was out.", CommentStatus.Approved);
        var wasHeld = await site.CommentAsync(article, "Was waiting.", record: Held("suspect-words", "It uses a word held for review.", 0.3, "waiting"));
        var markedAtPosting = await site.CommentAsync(article, "Marked when written.", CommentStatus.Spam, Held("honeypot", "A field only machines fill in was filled in.", 1));
        using var moderator = await site.ModeratorAsync();
        var (_, form) = await QueueAsync(moderator, slug, "approved");
        (await Press(moderator, form!, "one", $"trash:{wasPublished}")).Dispose();
        (_, form) = await QueueAsync(moderator, slug);
        (await Press(moderator, form!, "one", $"spam:{wasHeld}")).Dispose();
        Assert.Equal(0, await site.CountAsync(article));

        (_, form) = await QueueAsync(moderator, slug, "trashed");
        (await Press(moderator, form!, "one", $"restore:{wasPublished}")).Dispose();
        (_, form) = await QueueAsync(moderator, slug, "spam");
        (await Press(moderator, form!, "one", $"restore:{wasHeld}")).Dispose();
        (_, form) = await QueueAsync(moderator, slug, "spam");
        (await Press(moderator, form!, "one", $"restore:{markedAtPosting}")).Dispose();

        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(wasPublished));
        Assert.Equal(CommentStatus.Pending, await site.StatusAsync(wasHeld));
        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(markedAtPosting));
        Assert.Equal(2, await site.CountAsync(article));
        Assert.Equal([wasPublished, markedAtPosting], await site.PublicCommentIdsAsync(slug));
        var restored = await LastLogAsync(wasHeld);
        Assert.Equal(("restore", "Spam", "Pending"), (restored.Action, restored.Before, restored.After));
    }

    [Fact]
    public async Task EachItemOffersOnlyTheDecisionsItsStatusAllows()
    {
        var (article, slug) = await site.ArticleAsync("Buttons story");
        var pending = await site.CommentAsync(article, "Waiting.");
        var trashed = await site.CommentAsync(article, "Binned.", CommentStatus.Trashed);
        using var moderator = await site.ModeratorAsync();

        var (queue, _) = await QueueAsync(moderator, slug);
        var (trash, _) = await QueueAsync(moderator, slug, "trashed");

        string[] Buttons(AngleSharp.Dom.IDocument page, int id) =>
            page.QuerySelectorAll($"#item-{id} .queue-actions button").Select(b => b.GetAttribute("value")!.Split(':')[0]).ToArray();
        Assert.Equal(["approve", "spam", "trash"], Buttons(queue, pending));
        Assert.Equal(["approve", "spam", "restore"], Buttons(trash, trashed));
        Assert.NotNull(queue.QuerySelector($"#item-{pending} a[href^='/admin/moderation/comments/{pending}/edit']"));
        Assert.NotNull(queue.QuerySelector($"#item-{pending} a[href='/admin/moderation/bans/new?comment={pending}']"));
    }

    [Fact]
    public async Task BulkActionsDecideEveryTickedCommentAndOnlyThose()
    {
        var (article, slug) = await site.ArticleAsync("Bulk story");
        var ids = new List<int>();
        for (var i = 1; i <= 4; i++)
        {
            ids.Add(await site.CommentAsync(article, $"Held number {i}.", record: Held("first-comment", "A first comment from a new reader.", 0)));
        }
        using var moderator = await site.ModeratorAsync();
        var (_, form) = await QueueAsync(moderator, slug);

        using var response = await Press(moderator, form!, "bulk", "approve", ("ids", ids[0].ToString()), ("ids", ids[2].ToString()));

        var after = await moderator.FollowAsync(response);
        Assert.Equal("Approved 2 comments.", after.QuerySelector(".queue-done")!.TextContent);
        Assert.Equal([ids[3], ids[1]], ItemIds(after));
        Assert.Equal(2, await site.CountAsync(article));
        Assert.Equal([ids[0], ids[2]], await site.PublicCommentIdsAsync(slug));
        Assert.Equal(2, await site.WithDbAsync(db => db.ModerationLog.CountAsync(e => e.Action == "approve" && ids.Contains(e.CommentId!.Value), Cancel)));

        // The rest to spam, with one note for all; nothing ticked is a message, not an error.
        var (_, rest) = await QueueAsync(moderator, slug);
        using var nothing = await Press(moderator, rest!, "bulk", "spam");
        Assert.Equal("Tick the comments to act on first.", (await moderator.FollowAsync(nothing)).QuerySelector(".queue-done")!.TextContent);
        using var spammed = await Press(moderator, rest!, "bulk", "spam", ("ids", ids[1].ToString()), ("ids", ids[3].ToString()), ("bulkNote", "Same advert twice."));
        Assert.Empty(ItemIds(await moderator.FollowAsync(spammed)));
        Assert.Equal(CommentStatus.Spam, await site.StatusAsync(ids[3]));
        Assert.Equal("Same advert twice.", (await LastLogAsync(ids[1])).Note);
    }

    [Fact]
    public async Task AModeratorsEditKeepsTheOldTextAndShowsTheNewOne()
    {
        var (article, slug) = await site.ArticleAsync("Moderator edit story");
        var id = await site.CommentAsync(article, "Good point, see http://spam.example for more", CommentStatus.Approved);
        Assert.Contains(id, await site.PublicCommentIdsAsync(slug));
        using var moderator = await site.ModeratorAsync();
        var (queue, _) = await QueueAsync(moderator, slug, "approved");
        var editHref = queue.QuerySelector($"#item-{id} a.action-edit")!.GetAttribute("href")!;
        var form = await moderator.GetFormAsync(editHref, "form.moderator-edit");
        Assert.Equal("Good point, see http://spam.example for more", form["Body"]!.Trim());

        using var saved = await form.Set("Body", "Good point, see [link removed] for more").Set("Note", "Link farm").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith("/admin/moderation?", saved.Headers.Location!.OriginalString);
        var page = await site.GetPageAsync($"/articles/{slug}");
        Assert.Equal("Good point, see [link removed] for more", page.QuerySelector($"#comment-{id} .comment-text")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"#comment-{id} .comment-edited"));
        var revisions = await site.WithDbAsync(db => db.CommentRevisions.Where(r => r.CommentId == id).Select(r => r.Body).ToListAsync(Cancel));
        Assert.Equal(["Good point, see http://spam.example for more"], revisions);
        var entry = await LastLogAsync(id);
        Assert.Equal(("edit", "Good point, see http://spam.example for more", "Good point, see [link removed] for more", "Link farm"),
            (entry.Action, entry.Before, entry.After, entry.Note));
    }

    [Fact]
    public async Task AnEmptyEditIsRefusedWithTheTextKept()
    {
        var (article, _) = await site.ArticleAsync("Empty edit story");
        var id = await site.CommentAsync(article, "Some text.");
        using var moderator = await site.ModeratorAsync();
        var form = await moderator.GetFormAsync($"/admin/moderation/comments/{id}/edit", "form.moderator-edit");

        using var refused = await form.Set("Body", "   ").Set("Note", "oops").SubmitAsync();

        var page = await moderator.ReadPageAsync(refused, 400);
        Assert.Contains("cannot be empty", page.QuerySelector(".field-error")!.TextContent);
        Assert.Equal("oops", moderator.Form(page, "form.moderator-edit")["Note"]);
        Assert.Equal("Some text.", await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.Body).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task ACommentItsAuthorDeletedIsLeftAlone()
    {
        var (article, slug) = await site.ArticleAsync("Deleted story");
        var deleted = await site.CommentAsync(article, "Gone.", CommentStatus.Deleted);
        using var moderator = await site.ModeratorAsync();
        var (_, form) = await QueueAsync(moderator, slug);
        Assert.Null(form); // nothing waits on this article: the button is sent as a forged form would

        var token = (await moderator.GetFormAsync("/admin/moderation/bans/new", "form.ban-form"))["__RequestVerificationToken"]!;
        using var response = await moderator.Http.PostAsync("/admin/moderation",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("one", $"approve:{deleted}")]), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CommentStatus.Deleted, await site.StatusAsync(deleted));
        Assert.Equal(0, await site.CountAsync(article));
    }

    [Fact]
    public async Task AQueueActionWithoutTheAntiforgeryTokenIsRefused()
    {
        var (article, slug) = await site.ArticleAsync("Forged story");
        var id = await site.CommentAsync(article, "Held.");
        using var moderator = await site.ModeratorAsync();
        var (_, form) = await QueueAsync(moderator, slug);

        using var response = await Press(moderator, form!.Without("__RequestVerificationToken"), "one", $"approve:{id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(CommentStatus.Pending, await site.StatusAsync(id));
    }

    [Fact]
    public async Task OnlyModeratorsEditorsAndAdministratorsOpenTheQueue()
    {
        using var author = await site.SignInAsAuthorAsync();
        using var editor = await site.SignInAsEditorAsync();

        using var denied = await author.Http.GetAsync("/admin/moderation", Cancel);
        await editor.GetPageAsync("/admin/moderation");

        Assert.Equal("/account/denied", new Uri(new Uri("http://localhost"), denied.Headers.Location!).AbsolutePath);
    }

    private Task<ModerationLogEntry> LastLogAsync(int commentId) =>
        site.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == commentId).OrderByDescending(e => e.Id).FirstAsync(Cancel));
}
