using System.Net;
using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Moderation.Queue.QueueSite;

namespace Gazette.Tests.Moderation.Queue;

/// <summary>Readers' flags: one per reader, a reason each, and a published comment held once three distinct readers flag it.</summary>
public sealed class FlagTests(QueueSite site) : IClassFixture<QueueSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReaderFlagsACommentFromItsFlagLinkWithAReasonAndANote()
    {
        var (article, slug) = await site.ArticleAsync("Flag link story");
        var id = await site.CommentAsync(article, "Questionable.", CommentStatus.Approved);
        using var reader = new FormClient(site);
        var page = await reader.GetPageAsync($"/articles/{slug}");
        var link = page.QuerySelector($"#comment-{id} a.flag")!.GetAttribute("href")!;
        var form = await reader.GetFormAsync(link, "form.flag-form");
        Assert.Equal(["Spam", "Abuse", "OffTopic", "Other"], form.Element.QuerySelectorAll("input[name=Reason]").Select(i => i.GetAttribute("value")!).ToArray());

        using var sent = await form.Set("Reason", "Abuse").Set("Note", "Personal attack on another reader.").SubmitAsync();

        Assert.Equal($"/comments/{id}/flag?sent=true", sent.Headers.Location!.OriginalString);
        var thanks = await reader.FollowAsync(sent);
        Assert.Contains("Thank you", thanks.QuerySelector(".form-done")!.TextContent);
        Assert.Equal(("Abuse", "Personal attack on another reader."), (reader.Form(thanks, "form.flag-form")["Reason"], reader.Form(thanks, "form.flag-form")["Note"]));
        var flag = await site.WithDbAsync(db => db.CommentFlags.SingleAsync(f => f.CommentId == id, Cancel));
        Assert.Equal((FlagReason.Abuse, "Personal attack on another reader.", "g:" + site.GuestKeyHashOf(reader)), (flag.Reason, flag.Note, flag.ReaderKey));
        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(id));
    }

    [Fact]
    public async Task ThreeDistinctReadersHoldACommentAndItWaitsInTheFlaggedQueue()
    {
        var (article, slug) = await site.ArticleAsync("Three flags story");
        var id = await site.CommentAsync(article, "Inflammatory.", CommentStatus.Approved);
        Assert.Contains(id, await site.PublicCommentIdsAsync(slug));
        using var first = new FormClient(site);
        using var second = new FormClient(site);
        await FlagAsync(first, id, "Abuse");
        await FlagAsync(second, id, "OffTopic");
        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(id));
        using var member = await site.SignInAsStaffAsync("flagging.member@example.com");

        var third = await FlagAsync(member, id, "Abuse");

        Assert.Contains("hidden until", third.QuerySelector(".form-done")!.TextContent);
        Assert.Equal(CommentStatus.Pending, await site.StatusAsync(id));
        Assert.Equal(0, await site.CountAsync(article));
        Assert.DoesNotContain(id, await site.PublicCommentIdsAsync(slug));
        var reasons = ModerationRecord.Read(await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.ModerationReasons).SingleAsync(Cancel)));
        Assert.Equal("flags", Assert.Single(reasons.Reasons).Rule);
        Assert.Contains("3 readers flagged it (abuse, off-topic)", reasons.Reasons[0].Explanation);
        var hold = await site.WithDbAsync(db => db.ModerationLog.SingleAsync(e => e.CommentId == id, Cancel));
        Assert.Equal(("hold", "Approved", "Pending"), (hold.Action, hold.Before, hold.After));

        using var moderator = await site.ModeratorAsync();
        var flagged = (await QueueAsync(moderator, slug, "flagged")).Page;
        Assert.Equal([id], ItemIds(flagged));
        Assert.Contains("3 open flags", flagged.QuerySelector($"#item-{id} .queue-flags")!.TextContent);
        Assert.Contains("abuse ×2", flagged.QuerySelector($"#item-{id} .queue-flags")!.TextContent);
        Assert.Equal([id], ItemIds((await QueueAsync(moderator, slug)).Page));
    }

    [Fact]
    public async Task TheSameReaderFlaggingTwiceCountsOnceAndChangesTheReason()
    {
        var (article, _) = await site.ArticleAsync("Twice flagged story");
        var id = await site.CommentAsync(article, "Flag me twice.", CommentStatus.Approved);
        using var same = new FormClient(site);
        await FlagAsync(same, id, "Spam");
        await FlagAsync(same, id, "Other", "Actually it is a copy of another comment.");
        using var other = new FormClient(site);
        await FlagAsync(other, id, "Spam");

        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(id));
        var flags = await site.WithDbAsync(db => db.CommentFlags.Where(f => f.CommentId == id).OrderBy(f => f.Id).ToListAsync(Cancel));
        Assert.Equal(2, flags.Count);
        Assert.Equal((FlagReason.Other, "Actually it is a copy of another comment."), (flags[0].Reason, flags[0].Note));
        var again = await same.GetPageAsync($"/comments/{id}/flag");
        Assert.Equal("Change my flag", again.QuerySelector("form.flag-form button")!.TextContent);
    }

    [Fact]
    public async Task AGuestWhoClearsCookiesBetweenFlagsIsStillOneFlaggerFromTheSameAddress()
    {
        var (article, _) = await site.ArticleAsync("Cookie-clearing flagger story");
        var id = await site.CommentAsync(article, "Someone wants this gone.", CommentStatus.Approved);
        // Three fresh browsers (no cookie in common) from one address: one person, however many times they try.
        var browsers = Enumerable.Range(0, 3).Select(_ => From(new FormClient(site), "198.51.100.23")).ToList();
        foreach (var (browser, reason) in browsers.Zip(["Spam", "Abuse", "OffTopic"]))
        {
            await FlagAsync(browser, id, reason);
        }

        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(id));
        var flag = Assert.Single(await site.WithDbAsync(db => db.CommentFlags.Where(f => f.CommentId == id).ToListAsync(Cancel)));
        Assert.Equal(FlagReason.OffTopic, flag.Reason);

        // Readers elsewhere still count, each once.
        using var second = From(new FormClient(site), "198.51.100.24");
        using var third = From(new FormClient(site), "203.0.113.99");
        await FlagAsync(second, id, "Abuse");
        await FlagAsync(third, id, "Abuse");
        Assert.Equal(CommentStatus.Pending, await site.StatusAsync(id));
        browsers.ForEach(b => b.Dispose());
    }

    private static FormClient From(FormClient reader, string address)
    {
        reader.Http.DefaultRequestHeaders.Add(ApiClient.ClientIpHeader, address);
        return reader;
    }

    [Fact]
    public async Task ACommentApprovedByAModeratorIsNotHeldAgainByTheFlaggersItOverruledIssue12()
    {
        var (article, slug) = await site.ArticleAsync("Settled flags story");
        var id = await site.CommentAsync(article, "Held by flags, then approved.", CommentStatus.Approved);
        var readers = Enumerable.Range(0, 3).Select(_ => new FormClient(site)).ToList();
        foreach (var reader in readers)
        {
            await FlagAsync(reader, id, "Spam");
        }
        using var moderator = await site.ModeratorAsync();
        var (_, form) = await QueueAsync(moderator, slug, "flagged");
        (await Press(moderator, form!, "one", $"approve:{id}")).Dispose();
        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(id));
        Assert.Empty(ItemIds((await QueueAsync(moderator, slug, "flagged")).Page));

        foreach (var reader in readers)
        {
            await FlagAsync(reader, id, "Abuse");
        }

        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(id));
        readers.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task AfterAModeratorsDecisionNewFlaggersCountAfresh()
    {
        var (article, slug) = await site.ArticleAsync("Fresh flaggers story");
        var id = await site.CommentAsync(article, "Approved once, flagged by others later.", CommentStatus.Approved);
        var overruled = Enumerable.Range(0, 3).Select(_ => new FormClient(site)).ToList();
        foreach (var reader in overruled)
        {
            await FlagAsync(reader, id, "Spam");
        }
        using var moderator = await site.ModeratorAsync();
        var (_, form) = await QueueAsync(moderator, slug, "flagged");
        (await Press(moderator, form!, "one", $"approve:{id}")).Dispose();
        var fresh = Enumerable.Range(0, 3).Select(_ => new FormClient(site)).ToList();
        await FlagAsync(fresh[0], id, "Abuse");
        await FlagAsync(fresh[1], id, "Abuse");
        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(id));

        await FlagAsync(fresh[2], id, "Abuse");

        Assert.Equal(CommentStatus.Pending, await site.StatusAsync(id));
        overruled.Concat(fresh).ToList().ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task FlagsOfMembersWhoHaveNotVerifiedTheirAddressDoNotHoldACommentIssue12()
    {
        var (article, _) = await site.ArticleAsync("Throwaway accounts story");
        var id = await site.CommentAsync(article, "Three throwaway accounts want this gone.", CommentStatus.Approved);
        var throwaways = new List<FormClient>();
        for (var i = 0; i < 3; i++)
        {
            throwaways.Add(await SignUpAsync($"throwaway{i}@example.com"));
        }
        await FlagAsync(throwaways[0], id, "Spam");
        await FlagAsync(throwaways[1], id, "Spam");

        await FlagAsync(throwaways[2], id, "Spam");

        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(id));
        Assert.Equal(3, await site.WithDbAsync(db => db.CommentFlags.CountAsync(f => f.CommentId == id, Cancel)));
        throwaways.ForEach(r => r.Dispose());
    }

    private async Task<FormClient> SignUpAsync(string email)
    {
        var browser = new FormClient(site);
        await Members.SignUpAndSignInAsync(browser, email, $"Throwaway {email.Split('@')[0]}", "Correct-Horse-42");
        return browser;
    }

    [Fact]
    public async Task AModeratorKeepsAFlaggedPublishedCommentAndTheFlagsAreDismissed()
    {
        var (article, slug) = await site.ArticleAsync("Dismissed flags story");
        var id = await site.CommentAsync(article, "Unpopular but fine.", CommentStatus.Approved);
        using var reader = new FormClient(site);
        await FlagAsync(reader, id, "OffTopic");
        using var moderator = await site.ModeratorAsync();
        var (flagged, form) = await QueueAsync(moderator, slug, "flagged");
        Assert.Equal("Keep it, dismiss the flags", flagged.QuerySelector($"#item-{id} button[value='approve:{id}']")!.TextContent);

        (await Press(moderator, form!, "one", $"approve:{id}")).Dispose();

        Assert.Empty(ItemIds((await QueueAsync(moderator, slug, "flagged")).Page));
        Assert.Equal(CommentStatus.Approved, await site.StatusAsync(id));
        Assert.Equal(1, await site.CountAsync(article));
        var entry = await site.WithDbAsync(db => db.ModerationLog.SingleAsync(e => e.CommentId == id, Cancel));
        Assert.Equal(("dismiss-flags", "Approved", "Approved"), (entry.Action, entry.Before, entry.After));
    }

    [Fact]
    public async Task AnAuthorCannotFlagTheirOwnComment()
    {
        using var author = await site.SignInAsStaffAsync("flag.author@example.com");
        var (article, slug) = await site.ArticleAsync("Own flag story");
        var id = await site.CommentAsync(article, "Mine.", CommentStatus.Approved, userId: await site.UserIdAsync("flag.author@example.com"));

        var ownPage = await author.GetPageAsync($"/articles/{slug}");
        var flagPage = await author.GetPageAsync($"/comments/{id}/flag", 409);

        Assert.Null(ownPage.QuerySelector($"#comment-{id} a.flag"));
        Assert.Null(flagPage.QuerySelector("form.flag-form"));
        Assert.Contains("cannot flag your own comment", flagPage.QuerySelector(".form-errors")!.TextContent);
    }

    [Fact]
    public async Task AFlagWithoutAReasonIsRefusedAndTheNoteKept()
    {
        var (article, _) = await site.ArticleAsync("No reason flag story");
        var id = await site.CommentAsync(article, "Flag without a reason.", CommentStatus.Approved);
        using var reader = new FormClient(site);
        var form = await reader.GetFormAsync($"/comments/{id}/flag", "form.flag-form");

        using var refused = await form.Set("Note", "Hmm.").SubmitAsync();

        var page = await reader.ReadPageAsync(refused, 400);
        Assert.Contains("Choose why", page.QuerySelector(".flag-reasons .field-error")!.TextContent);
        Assert.Equal("Hmm.", reader.Form(page, "form.flag-form")["Note"]);
        Assert.Equal(0, await site.WithDbAsync(db => db.CommentFlags.CountAsync(f => f.CommentId == id, Cancel)));
    }

    [Fact]
    public async Task OnlyPublishedCommentsCanBeFlagged()
    {
        var (article, _) = await site.ArticleAsync("Unflaggable story");
        var held = await site.CommentAsync(article, "Waiting.");
        var deleted = await site.CommentAsync(article, "Gone.", CommentStatus.Deleted);

        await site.GetPageAsync($"/comments/{held}/flag", 404);
        await site.GetPageAsync($"/comments/{deleted}/flag", 404);
        await site.GetPageAsync("/comments/999999/flag", 404);
    }

    private static async Task<AngleSharp.Dom.IDocument> FlagAsync(FormClient reader, int commentId, string reason, string note = "")
    {
        var form = await reader.GetFormAsync($"/comments/{commentId}/flag", "form.flag-form");
        using var sent = await form.Set("Reason", reason).Set("Note", note).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return await reader.FollowAsync(sent);
    }
}
