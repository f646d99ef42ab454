using System.Net;
using Gazette.Comments;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Moderation.Queue.QueueSite;

namespace Gazette.Tests.Moderation.Queue;

/// <summary>The statement of reasons a comment's author (and only they) reads, and appeals from it back to the queue and out again.</summary>
public sealed class StatusAndAppealTests(QueueSite site) : IClassFixture<QueueSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheStatusPageIsForTheCommentsAuthorAlone()
    {
        var (article, _) = await site.ArticleAsync("Status privacy story");
        var published = await site.CommentAsync(article, "Anyone can read this.", CommentStatus.Approved);
        using var member = await site.SignInAsStaffAsync("status.member@example.com");
        using var otherMember = await site.SignInAsStaffAsync("status.other@example.com");
        using var guest = new FormClient(site);
        using var otherGuest = new FormClient(site);
        await site.BecomeGuestAsync(guest, published);
        await site.BecomeGuestAsync(otherGuest, published);
        var byMember = await site.CommentAsync(article, "By a member.", userId: await site.UserIdAsync("status.member@example.com"),
            record: Held("first-comment", "A first comment from a new reader waits for a moderator.", 0));
        var byGuest = await site.CommentAsync(article, "By a guest.", CommentStatus.Spam, guestKeyHash: site.GuestKeyHashOf(guest),
            record: Held("spam-check", "The spam check scored it 0.9 of 1: links with little text.", 0.9));

        var memberSees = await member.GetPageAsync($"/comments/{byMember}/status");
        var guestSees = await guest.GetPageAsync($"/comments/{byGuest}/status");

        Assert.Contains("Awaiting moderation", memberSees.QuerySelector(".status-statement")!.TextContent);
        Assert.Equal("By a member.", memberSees.QuerySelector(".comment-quote .comment-text")!.TextContent.Trim());
        Assert.Contains("Marked as spam", guestSees.QuerySelector(".status-statement")!.TextContent);
        Assert.Contains("The spam check scored it 0.9", guestSees.QuerySelector(".status-reasons li[data-rule='spam-check']")!.TextContent);
        await otherMember.GetPageAsync($"/comments/{byMember}/status", 404);
        await otherGuest.GetPageAsync($"/comments/{byGuest}/status", 404);
        await guest.GetPageAsync($"/comments/{byMember}/status", 404);
        await site.GetPageAsync($"/comments/{byMember}/status", 404);
        await site.GetPageAsync($"/comments/{byGuest}/status", 404);
    }

    [Fact]
    public async Task AnAppealGoesToTheQueueAndAnUpheldOnePublishesTheComment()
    {
        var (article, slug) = await site.ArticleAsync("Appeal upheld story");
        using var author = await site.SignInAsStaffAsync("appeal.upheld@example.com");
        var id = await site.CommentAsync(article, "Honest criticism, not abuse.", CommentStatus.Approved, userId: await site.UserIdAsync("appeal.upheld@example.com"));
        using var moderator = await site.ModeratorAsync();
        var (_, queue) = await QueueAsync(moderator, slug, "approved");
        (await Press(moderator, queue!, "one", $"trash:{id}", ($"note-{id}", "Reads as a personal attack."))).Dispose();

        var status = await author.GetPageAsync($"/comments/{id}/status");
        Assert.Contains("Removed by a moderator", status.QuerySelector(".status-statement")!.TextContent);
        var decision = status.QuerySelector(".status-reasons li[data-rule='moderator']")!.TextContent;
        Assert.Contains("A moderator removed it", decision);
        Assert.Contains("Reads as a personal attack.", decision);
        using var sent = await author.Form(status, "form.appeal-form").Set("Text", "I criticised the argument, not the person.").SubmitAsync();
        var waiting = await author.FollowAsync(sent);
        Assert.Contains("Your appeal is sent", waiting.QuerySelector(".form-done")!.TextContent);
        Assert.Null(waiting.QuerySelector("form.appeal-form"));
        Assert.Contains("Waiting for a moderator", waiting.QuerySelector(".status-appeals")!.TextContent);

        var (appealed, form) = await QueueAsync(moderator, slug, "appealed");
        Assert.Equal([id], ItemIds(appealed));
        Assert.Equal("I criticised the argument, not the person.", appealed.QuerySelector($"#item-{id} .appeal-text")!.TextContent);
        using var upheld = await Press(moderator, form!, "one", $"uphold:{id}", ($"appeal-note-{id}", "Fair: it is criticism."));

        Assert.Equal("Appeal upheld: the comment is published.", (await moderator.FollowAsync(upheld)).QuerySelector(".queue-done")!.TextContent);
        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(id));
        Assert.Equal(1, await site.CountAsync(article));
        Assert.Contains(id, await site.PublicCommentIdsAsync(slug));
        var outcome = await author.GetPageAsync($"/comments/{id}/status");
        Assert.Contains("Published", outcome.QuerySelector(".status-statement")!.TextContent);
        Assert.Contains("Upheld", outcome.QuerySelector(".appeal-outcome")!.TextContent);
        Assert.Contains("Fair: it is criticism.", outcome.QuerySelector(".appeal-outcome")!.TextContent);
        Assert.Null(outcome.QuerySelector("form.appeal-form"));
        var entry = await site.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == id).OrderByDescending(e => e.Id).FirstAsync(Cancel));
        Assert.Equal(("appeal-upheld", "Trashed", "Approved", "Fair: it is criticism."), (entry.Action, entry.Before, entry.After, entry.Note));
    }

    [Fact]
    public async Task ARejectedAppealLeavesTheDecisionAndTellsTheAuthor()
    {
        var (article, slug) = await site.ArticleAsync("Appeal rejected story");
        using var author = await site.SignInAsStaffAsync("appeal.rejected@example.com");
        var id = await site.CommentAsync(article, "Buy now!", CommentStatus.Spam, userId: await site.UserIdAsync("appeal.rejected@example.com"),
            record: Held("spam-check", "It looks like an advert.", 0.95, "Buy now"));
        var status = await author.GetPageAsync($"/comments/{id}/status");
        (await author.Form(status, "form.appeal-form").Set("Text", "It is not an advert.").SubmitAsync()).Dispose();
        using var moderator = await site.ModeratorAsync();
        var (_, form) = await QueueAsync(moderator, slug, "appealed");

        using var rejected = await Press(moderator, form!, "one", $"reject:{id}", ($"appeal-note-{id}", "It links to a shop."));

        Assert.Equal("Appeal rejected: the decision stands.", (await moderator.FollowAsync(rejected)).QuerySelector(".queue-done")!.TextContent);
        Assert.Equal(CommentStatus.Spam, await site.StatusAsync(id));
        Assert.Empty(ItemIds((await QueueAsync(moderator, slug, "appealed")).Page));
        var outcome = await author.GetPageAsync($"/comments/{id}/status");
        Assert.Contains("Rejected: the decision stands.", outcome.QuerySelector(".appeal-outcome")!.TextContent);
        Assert.Contains("It links to a shop.", outcome.QuerySelector(".appeal-outcome")!.TextContent);
        Assert.NotNull(outcome.QuerySelector("form.appeal-form")); // a new appeal may follow a decided one
        var entry = await site.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == id).OrderByDescending(e => e.Id).FirstAsync(Cancel));
        Assert.Equal(("appeal-rejected", "Spam", "Spam"), (entry.Action, entry.Before, entry.After));
    }

    [Fact]
    public async Task AppealsAreCheckedOneOpenAtATimeAndNeverForAPublishedComment()
    {
        var (article, _) = await site.ArticleAsync("Appeal rules story");
        using var author = await site.SignInAsStaffAsync("appeal.rules@example.com");
        var userId = await site.UserIdAsync("appeal.rules@example.com");
        var held = await site.CommentAsync(article, "Held.", userId: userId);
        var published = await site.CommentAsync(article, "Out.", CommentStatus.Approved, userId: userId);
        var form = author.Form(await author.GetPageAsync($"/comments/{held}/status"), "form.appeal-form");

        using var empty = await form.Set("Text", "  ").SubmitAsync();
        var emptyPage = await author.ReadPageAsync(empty, 400);
        using var tooLong = await author.Form(emptyPage, "form.appeal-form").Set("Text", new string('x', Appealing.MaxTextLength + 1)).SubmitAsync();
        var tooLongPage = await author.ReadPageAsync(tooLong, 400);
        (await author.Form(tooLongPage, "form.appeal-form").Set("Text", "Please look again.").SubmitAsync()).Dispose();
        using var second = await form.Set("Text", "And again.").SubmitAsync();
        var publishedPage = await author.GetPageAsync($"/comments/{published}/status");

        Assert.Contains("Say why", emptyPage.QuerySelector(".field-error")!.TextContent);
        Assert.Contains("at most 2,000 characters", tooLongPage.QuerySelector(".field-error")!.TextContent);
        Assert.Equal(new string('x', Appealing.MaxTextLength + 1), author.Form(tooLongPage, "form.appeal-form")["Text"]?.Trim());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(["Please look again."], await site.WithDbAsync(db => db.Appeals.Where(a => a.CommentId == held).Select(a => a.Text).ToListAsync(Cancel)));
        Assert.Contains("Published", publishedPage.QuerySelector(".status-statement")!.TextContent);
        Assert.Null(publishedPage.QuerySelector("form.appeal-form"));
    }

    [Fact]
    public async Task AShadowBannedAuthorIsShownTheirCommentAsPublished()
    {
        var (article, _) = await site.ArticleAsync("Shadow status story");
        using var author = await site.SignInAsStaffAsync("shadow.status@example.com");
        var id = await site.CommentAsync(article, "Nobody else sees this.", CommentStatus.Pending, userId: await site.UserIdAsync("shadow.status@example.com"),
            record: Held("shadow-ban", "Its author is shadow-banned.", 0));

        var page = await author.GetPageAsync($"/comments/{id}/status");

        Assert.Contains("Published", page.QuerySelector(".status-statement")!.TextContent);
        Assert.Null(page.QuerySelector(".status-reasons"));
        Assert.Null(page.QuerySelector("form.appeal-form"));
    }

    [Theory]
    [InlineData("honeypot")]
    [InlineData("too-fast")]
    public async Task ABotsTellIsNeverShownToTheAuthor(string rule)
    {
        var (article, _) = await site.ArticleAsync($"Silent spam story {rule}");
        var email = $"silent.{rule}@example.com";
        using var author = await site.SignInAsStaffAsync(email);
        var id = await site.CommentAsync(article, "Buy now.", CommentStatus.Spam, userId: await site.UserIdAsync(email),
            record: Held(rule, "Caught by a trap.", 1));

        var page = await author.GetPageAsync($"/comments/{id}/status");

        Assert.Contains("Published", page.QuerySelector(".status-statement")!.TextContent);
        Assert.DoesNotContain("trap", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Null(page.QuerySelector("form.appeal-form"));
    }
}
