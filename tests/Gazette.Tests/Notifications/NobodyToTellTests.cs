using Gazette.Accounts;
using Gazette.Notifications;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Notifications;

/// <summary>
/// Issue 12's figure (posting with notifications on within 10 % of off): a comment nobody is to be told of is dealt
/// with in its own insert, so the notifications service does no batch for it; whoever is to be told still is.
/// </summary>
public sealed class NobodyToTellTests
{
    private const string Ann = "ann@example.org";

    [Fact]
    public async Task ACommentNobodyIsToBeToldOfIsDealtWithInItsInsertAndARepliesParentIsStillTold()
    {
        await using var site = await NotifySite.StartAsync(NotifySite.Unhurried);
        using var ann = site.Browser();
        using var bob = site.Browser();
        var quiet = await NotifySite.PostAsync(bob, "Nobody waits for this.", name: "Bob");
        var quietState = await NotifiedAsync(site, quiet);
        var annsComment = await NotifySite.PostAsync(ann, "Tell me of replies.", name: "Ann", email: Ann, notifyReplies: true);
        var asksConfirmation = await NotifiedAsync(site, annsComment);
        await site.EverythingSentAsync();
        var confirmation = await site.WaitForMailToAsync(Ann, 1);
        using var confirmed = await (await ann.GetFormAsync(NotifySite.Link(confirmation, "/mail/confirm"), "main form")).SubmitAsync();
        var reply = await NotifySite.PostAsync(bob, "Here is one.", annsComment, name: "Bob");
        var replyState = await NotifiedAsync(site, reply);
        await site.EverythingSentAsync();

        Assert.Equal(quietState.CreatedAt, quietState.NotifiedAt);
        Assert.Null(asksConfirmation.NotifiedAt);
        Assert.Null(replyState.NotifiedAt);
        var told = await site.WaitForMailToAsync(Ann, 2);
        Assert.Equal("Bob replied to you on “Talk”", told.Subject);
        Assert.Equal(2, site.MailTo(Ann).Count);
    }

    [Fact]
    public async Task ACommentOnTheArticleOfAnAuthorWhoAskedIsLeftToTheServiceAndTheAuthorIsTold()
    {
        await using var site = await NotifySite.StartAsync(NotifySite.Unhurried);
        var author = await site.SignInAsStaffAsync("ana@example.org", Roles.Author);
        await site.WithDbAsync(async db =>
        {
            db.Authors.Single().UserId = await db.Users.FirstAsyncOf("ana@example.org");
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var own = await NotifySite.PostAsync(author, "The author's own word.");
        var ownState = await NotifiedAsync(site, own);
        var page = await author.GetPageAsync("/account/notifications");
        using var saved = await author.Form(page, "form[action*='Staff']").Check("NewComments").SubmitAsync();
        using var reader = site.Browser();

        var comment = await NotifySite.PostAsync(reader, "A reader's view.", name: "Zoë");
        var state = await NotifiedAsync(site, comment);
        var ownAfter = await NotifySite.PostAsync(author, "The author answers nobody in particular.");
        var ownAfterState = await NotifiedAsync(site, ownAfter);
        await site.EverythingSentAsync();

        Assert.NotNull(ownState.NotifiedAt);
        Assert.Null(state.NotifiedAt);
        Assert.NotNull(ownAfterState.NotifiedAt);
        var told = Assert.Single(site.MailTo("ana@example.org"));
        Assert.Equal("New comment on “Talk” by Zoë", told.Subject);
    }

    /// <summary>
    /// Followers keep how far they have read as one comment id: a comment dealt with in its insert, after a reply the
    /// service has not yet dealt with, must not carry them past the reply.
    /// </summary>
    [Fact]
    public async Task AFollowerIsToldOfAReplyStillWaitingWhenALaterCommentWasDealtWithInItsInsert()
    {
        await using var site = await NotifySite.StartAsync(NotifySite.Unhurried);
        var member = await site.SignInAsStaffAsync(Ann);
        using var follow = await (await member.GetFormAsync($"{NotifySite.Article}/follow", "main form")).SubmitAsync();
        using var bob = site.Browser();
        using var cy = site.Browser();
        var first = await NotifySite.PostAsync(bob, "First news.", name: "Bob");
        await NotifySite.PostAsync(cy, "A reply still waiting.", first, name: "Cy");
        await NotifySite.PostAsync(cy, "Later news.", name: "Cy");

        // The followers' pass before the published comments' (as a poll, or another instance, may run it).
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FollowedDiscussions>()
                .RunBatchAsync(scope.ServiceProvider.GetRequiredService<Gazette.Data.GazetteDb>(), TestContext.Current.CancellationToken);
        }
        await site.EverythingSentAsync();
        site.Clock.Advance(TimeSpan.FromMinutes(15));
        await site.EverythingSentAsync();

        // Each once, in whichever mail.
        var told = site.MailTo(Ann).Select(m => m.TextBody ?? "").ToList();
        foreach (var news in new[] { "First news.", "A reply still waiting.", "Later news." })
        {
            Assert.Single(told, text => text.Contains(news));
        }
    }

    private static Task<(DateTime CreatedAt, DateTime? NotifiedAt)> NotifiedAsync(NotifySite site, int commentId) =>
        site.WithDbAsync(async db => await db.Comments.Where(c => c.Id == commentId)
            .Select(c => new ValueTuple<DateTime, DateTime?>(c.CreatedAt, c.NotifiedAt)).SingleAsync(TestContext.Current.CancellationToken));
}
