using Gazette.Mail;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Notifications;

/// <summary>Issue 12, "one click out" and "no spam relay": every notification leaves with one click, without signing in; limits per address.</summary>
public sealed class UnsubscribeAndLimitTests
{
    private const string Ann = "ann@example.org";

    /// <summary>Ann comments with the tick and confirms; returns her comment.</summary>
    private static async Task<int> ConfirmedGuestCommentAsync(NotifySite site, Infrastructure.FormClient ann)
    {
        var comment = await NotifySite.PostAsync(ann, "Tell me.", name: "Ann", email: Ann, notifyReplies: true);
        using var _ = await (await ann.GetFormAsync(NotifySite.Link(await site.WaitForMailToAsync(Ann, 1), "/mail/confirm"), "main form")).SubmitAsync();
        return comment;
    }

    [Fact]
    public async Task TheMailsUnsubscribeLinkOpensAPageWhoseButtonStopsRepliesAndNothingMoreComes()
    {
        await using var site = await NotifySite.StartAsync();
        using var ann = site.Browser();
        using var bob = site.Browser();
        var annsComment = await ConfirmedGuestCommentAsync(site, ann);
        await NotifySite.PostAsync(bob, "First reply.", annsComment);
        var told = await site.WaitForMailToAsync(Ann, 2);
        using var stranger = site.Browser();

        var page = await stranger.GetPageAsync(NotifySite.Link(told, "/mail/unsubscribe"));
        using var pressed = await stranger.Form(page, "main form").SubmitAsync();
        var done = await stranger.ReadPageAsync(pressed);
        await NotifySite.PostAsync(bob, "Second reply, not mailed.", annsComment);
        await NotifySite.PostAsync(bob, "Carol's question.", email: "carol@example.org", notifyReplies: true);
        await site.WaitForMailToAsync("carol@example.org", 1);

        Assert.Contains("Stop mail about replies to your comments to ann@example.org?", page.QuerySelector("main")!.TextContent);
        Assert.Contains("ann@example.org gets no more mail about replies to your comments.", done.QuerySelector("main")!.TextContent);
        Assert.Equal(2, site.MailTo(Ann).Count);
    }

    [Fact]
    public async Task TheOneClickListUnsubscribePostAndTheNoMoreMailLinkEachWorkWithoutSigningIn()
    {
        await using var site = await NotifySite.StartAsync();
        using var ann = site.Browser();
        using var bob = site.Browser();
        var annsComment = await ConfirmedGuestCommentAsync(site, ann);
        await NotifySite.PostAsync(bob, "A reply.", annsComment);
        var told = await site.WaitForMailToAsync(Ann, 2);
        var oneClick = new Uri(told.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        using var mailProgram = site.CreateReader();

        using var posted = await mailProgram.PostAsync(oneClick.PathAndQuery,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), TestContext.Current.CancellationToken);
        var stopAll = await ann.GetPageAsync(StopAllLink(told));
        using var pressed = await ann.Form(stopAll, "main form").SubmitAsync();

        Assert.Equal(200, (int)posted.StatusCode);
        Assert.Equal(200, (int)pressed.StatusCode);
        var suppressed = await site.WithDbAsync(db => db.MailSuppressions.AsNoTracking().OrderBy(s => s.List).Select(s => s.List).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([MailSuppression.AnyList, "replies"], suppressed);
    }

    [Fact]
    public async Task AnAddressGetsNoMoreThanItsHourlyLimitOfNotifications()
    {
        await using var site = await NotifySite.StartAsync([new("Notifications:MaxPerRecipientPerHour", "3")]);
        using var ann = site.Browser();
        using var bob = site.Browser();
        var annsComment = await ConfirmedGuestCommentAsync(site, ann);
        for (var i = 1; i <= 4; i++)
        {
            await NotifySite.PostAsync(bob, $"Reply {i}.", annsComment);
        }
        await NotifySite.PostAsync(bob, "Carol's question.", email: "carol@example.org", notifyReplies: true);
        await site.WaitForMailToAsync("carol@example.org", 1);

        // The confirmation and two replies make three: the third and fourth replies wait for nobody.
        Assert.Equal(3, site.MailTo(Ann).Count);
    }

    [Fact]
    public async Task AWriterReplyingToManyPeopleStopsMailingThemAtTheWritersHourlyLimitWhileTheRepliesStillPost()
    {
        await using var site = await NotifySite.StartAsync([new("Notifications:MaxPerSenderPerHour", "3")]);
        var members = Enumerable.Range(1, 5).Select(i => $"member{i}@example.org").ToList();
        var comments = new List<int>();
        foreach (var member in members)
        {
            using var browser = await Infrastructure.Members.VerifiedAsync(site, member, member.Split('@')[0]);
            comments.Add(await NotifySite.PostAsync(browser, $"A comment by {member}."));
        }
        using var bob = site.Browser();

        var replies = new List<int>();
        foreach (var comment in comments)
        {
            replies.Add(await NotifySite.PostAsync(bob, $"Bob answers comment {comment}.", comment, name: "Bob"));
        }
        await site.EverythingSentAsync();

        var told = members.Count(m => site.MailTo(m).Any(mail => mail.Subject == "Bob replied to you on “Talk”"));
        Assert.Equal(3, told);
        var statuses = await site.WithDbAsync(db => db.Comments.Where(c => replies.Contains(c.Id)).Select(c => c.Status).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(5, statuses.Count(s => s == Gazette.Comments.CommentStatus.Approved));
    }

    /// <summary>The footer's "No more mail to this address" link: the second unsubscribe link of the text part.</summary>
    private static string StopAllLink(MimeKit.MimeMessage message)
    {
        var matches = System.Text.RegularExpressions.Regex.Matches(message.TextBody ?? "", @"https://news\.example\.org(/mail/unsubscribe\?t=[^\s>]+)");
        var links = matches.Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(2, links.Count);
        return links[1];
    }
}
