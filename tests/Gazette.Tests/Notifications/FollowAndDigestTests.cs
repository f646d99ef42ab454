using System.Xml.Linq;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Notifications;

/// <summary>Issue 12: following a discussion (batched), the digest, the private replies feed, and the staff's mail.</summary>
public sealed class FollowAndDigestTests
{
    private const string Ann = "ann@example.org";

    [Fact]
    public async Task AGuestFollowsFromTheMailAndGetsAtMostOneMailPerIntervalWithEverythingNew()
    {
        await using var site = await NotifySite.StartAsync();
        using var ann = site.Browser();
        using var bob = site.Browser();
        var follow = await ann.GetFormAsync($"{NotifySite.Article}/follow", "main form");
        using var asked = await follow.Set("Email", Ann).SubmitAsync();
        var confirmation = await site.WaitForMailToAsync(Ann, 1);
        using var confirmed = await (await ann.GetFormAsync(NotifySite.Link(confirmation, "/mail/confirm"), "main form")).SubmitAsync();

        await NotifySite.PostAsync(bob, "News one.", name: "Bob");
        var first = await site.WaitForMailToAsync(Ann, 2);
        await NotifySite.PostAsync(bob, "News two.", name: "Bob");
        await NotifySite.PostAsync(bob, "News three.", name: "Bob");
        await site.AllNotifiedAsync();
        site.MoveOnAndWake(TimeSpan.FromMinutes(15));
        var batched = await site.WaitForMailToAsync(Ann, 3);

        Assert.Equal("Confirm that you want to follow “Talk”", confirmation.Subject);
        Assert.Equal(200, (int)confirmed.StatusCode);
        Assert.Equal("New in “Talk”: 1 comment", first.Subject);
        Assert.Equal("New in “Talk”: 2 comments", batched.Subject);
        Assert.Contains("News two.", batched.TextBody);
        Assert.Contains("News three.", batched.TextBody);
        Assert.DoesNotContain("News one.", batched.TextBody);
        Assert.StartsWith("<https://news.example.org/mail/unsubscribe?t=", batched.Headers["List-Unsubscribe"]);
        Assert.Equal(3, site.MailTo(Ann).Count);
    }

    [Fact]
    public async Task AMemberWithADailyDigestGetsRepliesAndFollowedNewsInOneMailADay()
    {
        await using var site = await NotifySite.StartAsync();
        var member = await site.SignInAsStaffAsync(Ann);
        await SetDigestAsync(site, Ann, MailDigest.Daily);
        using var follow = await (await member.GetFormAsync($"{NotifySite.Article}/follow", "main form")).SubmitAsync();
        var annsComment = await NotifySite.PostAsync(member, "A member's comment.");
        using var bob = site.Browser();
        // The first round starts the member's day.
        await site.Services.GetRequiredService<Gazette.Notifications.NotificationService>().RunOnceAsync(TestContext.Current.CancellationToken);
        await NotifySite.PostAsync(bob, "Bob answers Ann.", annsComment, name: "Bob");
        await NotifySite.PostAsync(bob, "Bob on the story.", name: "Bob");
        // A round under way when the day passes would leave what it had not yet seen to the next digest.
        await site.AllNotifiedAsync();

        site.MoveOnAndWake(TimeSpan.FromDays(1));

        var digest = await site.WaitForMailToAsync(Ann, 1);
        Assert.Equal("Your daily digest: 1 reply, 1 discussion", digest.Subject);
        Assert.Contains("Bob answers Ann.", digest.TextBody);
        Assert.Contains("Bob on the story.", digest.TextBody);
        Assert.Single(site.MailTo(Ann));
    }

    [Fact]
    public async Task AMembersRepliesFeedIsWellFormedWhateverIsStoredAndStopsWhenRevoked()
    {
        await using var site = await NotifySite.StartAsync();
        var member = await site.SignInAsStaffAsync(Ann);
        var annsComment = await NotifySite.PostAsync(member, "A member's comment.");
        await site.AddAsync(annsComment, "Odd \u0001 text ]]> <b>", CommentStatus.Approved);
        var page = await member.GetPageAsync("/account/notifications");
        using var made = await member.Form(page, "form[action*='CreateFeed']").SubmitAsync();
        var feedUrl = new Uri((await member.GetPageAsync("/account/notifications")).QuerySelector("input.feed-url")!.GetAttribute("value")!);
        using var reader = site.CreateReader();

        using var feed = await reader.GetAsync(feedUrl.PathAndQuery, TestContext.Current.CancellationToken);
        var atom = XDocument.Parse(await feed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var revokePage = await member.GetPageAsync("/account/notifications");
        using var revoked = await member.Form(revokePage, "form[action*='RevokeFeed']").SubmitAsync();
        using var gone = await reader.GetAsync(feedUrl.PathAndQuery, TestContext.Current.CancellationToken);

        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType?.MediaType);
        XNamespace ns = "http://www.w3.org/2005/Atom";
        Assert.Single(atom.Root!.Elements(ns + "entry"));
        Assert.Equal(404, (int)gone.StatusCode);
    }

    [Fact]
    public async Task AnArticlesAuthorWhoAskedIsToldOfNewCommentsOnIt()
    {
        await using var site = await NotifySite.StartAsync();
        var author = await site.SignInAsStaffAsync("ana@example.org", Roles.Author);
        await site.WithDbAsync(async db =>
        {
            var user = await db.Users.FirstAsyncOf("ana@example.org");
            var writer = db.Authors.Single();
            writer.UserId = user;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var page = await author.GetPageAsync("/account/notifications");
        using var saved = await author.Form(page, "form[action*='Staff']").Check("NewComments").SubmitAsync();
        using var reader = site.Browser();

        await NotifySite.PostAsync(reader, "A reader's view.", name: "Zoë");

        var told = await site.WaitForMailToAsync("ana@example.org", 1);
        Assert.Equal("New comment on “Talk” by Zoë", told.Subject);
        Assert.Contains("A reader's view.", told.TextBody);
    }

    [Fact]
    public async Task EveryBylineOfAnArticleWhoAskedIsToldOfNewCommentsOnceNotOnlyTheFirst()
    {
        await using var site = await NotifySite.StartAsync();
        var ana = await site.SignInAsStaffAsync("ana@example.org", Roles.Author);
        var ben = await site.SignInAsStaffAsync("ben@example.org", Roles.Author);
        await site.WithDbAsync(async db =>
        {
            var cancellation = TestContext.Current.CancellationToken;
            var first = db.Authors.Single();
            first.UserId = await db.Users.FirstAsyncOf("ana@example.org");
            var second = new Author { Slug = "ben-writer", Name = "Ben Writer", UserId = await db.Users.FirstAsyncOf("ben@example.org") };
            db.Authors.Add(second);
            await db.SaveChangesAsync(cancellation);
            var article = await db.Articles.SingleAsync(cancellation);
            db.ArticleBylines.Add(new ArticleByline { ArticleId = article.Id, Position = 0, AuthorId = first.Id });
            db.ArticleBylines.Add(new ArticleByline { ArticleId = article.Id, Position = 1, AuthorId = second.Id });
            await db.SaveChangesAsync(cancellation);
        });
        foreach (var staffer in new[] { ana, ben })
        {
            var page = await staffer.GetPageAsync("/account/notifications");
            using var saved = await staffer.Form(page, "form[action*='Staff']").Check("NewComments").SubmitAsync();
        }
        using var reader = site.Browser();

        await NotifySite.PostAsync(reader, "A view for both of you.", name: "Zoë");

        foreach (var address in new[] { "ana@example.org", "ben@example.org" })
        {
            var told = await site.WaitForMailToAsync(address, 1);
            Assert.Equal("New comment on “Talk” by Zoë", told.Subject);
        }
        await site.EverythingSentAsync();
        Assert.Single(site.MailTo("ana@example.org"));
        Assert.Single(site.MailTo("ben@example.org"));
    }

    private static async Task SetDigestAsync(NotifySite site, string email, MailDigest digest)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GazetteUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        user.Digest = digest;
        await users.UpdateAsync(user);
    }
}

internal static class UserLookups
{
    public static Task<string> FirstAsyncOf(this IQueryable<GazetteUser> users, string email) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(users.Where(u => u.Email == email).Select(u => u.Id), TestContext.Current.CancellationToken);
}
