using Gazette.Comments;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Notifications;

/// <summary>Issue 12, reader notifications: replies by mail, after double opt-in, never for what is not public or one's own.</summary>
public sealed class ReplyNotificationTests
{
    private const string Ann = "ann@example.org";

    [Fact]
    public async Task AGuestConfirmsFromTheMailAndIsToldOfPublicRepliesButNotOfHeldSpamOrOwnOnes()
    {
        await using var site = await NotifySite.StartAsync();
        using var ann = site.Browser();
        using var bob = site.Browser();
        var annsComment = await NotifySite.PostAsync(ann, "What do you think?", name: "Ann", email: "Ann@Example.org", notifyReplies: true);

        var confirmation = await site.WaitForMailToAsync(Ann, 1);
        var confirm = await ann.GetFormAsync(NotifySite.Link(confirmation, "/mail/confirm"), "main form");
        using var confirmed = await confirm.SubmitAsync();
        var reply = await NotifySite.PostAsync(bob, "I think *so*. <script>alert(1)</script>", annsComment, name: "Bob");
        var told = await site.WaitForMailToAsync(Ann, 2);
        await NotifySite.PostAsync(ann, "Answering myself.", annsComment, name: "Ann", email: Ann);
        await site.AddAsync(annsComment, "Held for a moderator.", CommentStatus.Pending);
        await site.AddAsync(annsComment, "Kept as spam.", CommentStatus.Spam);
        var later = await NotifySite.PostAsync(bob, "One more thing.", annsComment, name: "Bob");
        var toldAgain = await site.WaitForMailToAsync(Ann, 3);

        Assert.Equal("Confirm that you want mail about replies", confirmation.Subject);
        Assert.Equal(200, (int)confirmed.StatusCode);
        Assert.Equal("Bob replied to you on “Talk”", told.Subject);
        Assert.Contains("<em>so</em>", told.HtmlBody);
        Assert.DoesNotContain("<script>", told.HtmlBody);
        Assert.Contains($"https://news.example.org/comments/{reply}", told.TextBody);
        Assert.StartsWith("<https://news.example.org/mail/unsubscribe?t=", told.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", told.Headers["List-Unsubscribe-Post"]);
        Assert.Contains($"https://news.example.org/comments/{later}", toldAgain.TextBody);
        // Nothing came between: not the own reply, not the held one, not the spam.
        Assert.Equal(3, site.MailTo(Ann).Count);
    }

    [Fact]
    public async Task AHeldReplyIsToldWhenAModeratorApprovesIt()
    {
        await using var site = await NotifySite.StartAsync();
        using var ann = site.Browser();
        var annsComment = await NotifySite.PostAsync(ann, "Tell me.", email: Ann, notifyReplies: true);
        using var _ = await (await ann.GetFormAsync(NotifySite.Link(await site.WaitForMailToAsync(Ann, 1), "/mail/confirm"), "main form")).SubmitAsync();
        var held = await site.AddAsync(annsComment, "Held, then approved.", CommentStatus.Pending);

        await site.ApproveAsync(held);

        var told = await site.WaitForMailToAsync(Ann, 2);
        Assert.Contains("Held, then approved.", told.TextBody);
    }

    [Fact]
    public async Task AnAddressThatNeverConfirmsGetsNoSecondConfirmationWithinADayNorAnyReply()
    {
        await using var site = await NotifySite.StartAsync();
        using var ann = site.Browser();
        using var bob = site.Browser();
        using var carol = site.Browser();
        var first = await NotifySite.PostAsync(ann, "First.", email: Ann, notifyReplies: true);
        await site.WaitForMailToAsync(Ann, 1);
        await NotifySite.PostAsync(ann, "Second.", email: Ann, notifyReplies: true);
        await NotifySite.PostAsync(bob, "A reply Ann is not told of.", first);
        await NotifySite.PostAsync(carol, "Carol asks too.", email: "carol@example.org", notifyReplies: true);
        await site.WaitForMailToAsync("carol@example.org", 1);
        var withinTheDay = site.MailTo(Ann).Count;

        site.MoveOnAndWake(TimeSpan.FromDays(1));
        await NotifySite.PostAsync(ann, "A day later.", email: Ann, notifyReplies: true);

        await site.WaitForMailToAsync(Ann, 2);
        Assert.Equal(1, withinTheDay);
    }
}
