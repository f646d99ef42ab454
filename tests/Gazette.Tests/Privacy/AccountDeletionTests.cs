using System.Net;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Privacy;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Privacy;

/// <summary>What deleting an account through /account/delete looks like from the outside, in either mode.</summary>
internal static class Deletion
{
    public static async Task<HttpResponseMessage> DeleteAsync(FormClient browser, string password)
    {
        var form = await browser.GetFormAsync("/account/delete");
        return await form.Set("Input.Password", password).SubmitAsync();
    }

    /// <summary>After deleting: the confirmation page, signed out in that browser, and the password no longer opens anything.</summary>
    public static async Task AssertGoneAsync(PrivacySite site, FormClient browser, HttpResponseMessage deleted, string email)
    {
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/account/deleted", deleted.Headers.Location!.OriginalString);
        var confirmation = await browser.FollowAsync(deleted);
        Assert.Equal("Your account has been deleted", confirmation.QuerySelector("h1")!.TextContent);
        Assert.Null(AccountPage(confirmation));

        using var again = site.Browser();
        var signIn = await again.GetFormAsync("/account/sign-in");
        using var refused = await signIn.Set("Input.Email", email).Set("Input.Password", PrivacySite.Password).SubmitAsync();
        var page = await again.ReadPageAsync(refused);
        Assert.Contains(SignInModel.NotRightMessage, page.QuerySelector(".form-errors")!.TextContent);
        Assert.False(await site.WithDbAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), TestContext.Current.CancellationToken)));
    }

    private static string? AccountPage(AngleSharp.Dom.IDocument page) => page.QuerySelector(".account-nav .account-name")?.TextContent;

    public static Task<Comment?> CommentAsync(PrivacySite site, int id) => site.WithDbAsync(db =>
        db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, TestContext.Current.CancellationToken));
}

/// <summary>The default, Anonymise: the comments stay under "Deleted reader", threads and counts unchanged.</summary>
public sealed class AccountDeletionTests(PrivacySite site) : IClassFixture<PrivacySite>
{
    [Fact]
    public async Task CommentsStayUnderDeletedReaderAndNothingLeadsBackToTheAccount()
    {
        using var carol = await site.SignUpAsync("carol@example.com", "Carol Writes");
        using var dave = await site.SignUpAsync("dave@example.com", "Dave");
        var carolId = await site.UserIdAsync("carol@example.com");
        var top = await PrivacySite.CommentAsync(carol, "Carol starts a thread");
        var reply = await PrivacySite.CommentAsync(dave, "Dave answers Carol", replyTo: top);
        var deeper = await PrivacySite.CommentAsync(carol, "Carol answers back", replyTo: reply);
        await PrivacySite.VoteAsync(carol, reply, 1);
        await site.WithDbAsync(async db =>
        {
            db.Authors.Add(new Author { Slug = "carol-writes", Name = "Carol Writes", UserId = carolId });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var count = await site.CommentCountAsync();

        using var deleted = await Deletion.DeleteAsync(carol, PrivacySite.Password);

        await Deletion.AssertGoneAsync(site, carol, deleted, "carol@example.com");
        foreach (var id in new[] { top, deeper })
        {
            var comment = (await Deletion.CommentAsync(site, id))!;
            Assert.Equal((AccountDeletion.DeletedName, null, null, null, CommentStatus.Approved), (comment.AuthorName, comment.UserId, comment.IpHash, comment.AuthorEmail, comment.Status));
        }
        Assert.Equal(count, await site.CommentCountAsync());
        Assert.Equal(1, (await Deletion.CommentAsync(site, reply))!.Upvotes);
        Assert.Null(await site.WithDbAsync(db => db.Authors.Where(a => a.Slug == "carol-writes").Select(a => a.UserId).SingleAsync(TestContext.Current.CancellationToken)));
        Assert.False(await site.WithDbAsync(db => db.CommentVotes.AnyAsync(v => v.VoterKey.Contains(carolId), TestContext.Current.CancellationToken)));

        var page = await site.GetPageAsync(PrivacySite.Open);
        var shown = ThreadReader.Read(page).Single(c => c.Id == top);
        Assert.Equal(AccountDeletion.DeletedName, shown.Author);
        Assert.Equal("Carol starts a thread", shown.Text);
        var answer = Assert.Single(shown.Replies);
        Assert.Equal(("Dave", reply), (answer.Author, answer.Id));
        Assert.Equal((AccountDeletion.DeletedName, "Carol answers back"), (answer.Replies.Single().Author, answer.Replies.Single().Text));
        Assert.DoesNotContain("Carol Writes", page.QuerySelector("#comments")!.TextContent);
    }

    [Fact]
    public async Task AWrongPasswordDeletesNothing()
    {
        using var reader = await site.SignUpAsync("careful@example.com", "Careful");
        await PrivacySite.CommentAsync(reader, "Still here");

        using var response = await Deletion.DeleteAsync(reader, "not-my-password");

        var page = await reader.ReadPageAsync(response);
        Assert.Contains(DeleteAccountModel.WrongPasswordMessage, page.QuerySelector(".form-errors")!.TextContent);
        Assert.True(await site.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "careful@example.com", TestContext.Current.CancellationToken)));
        Assert.Equal("Careful", (await reader.GetPageAsync("/account/data")).QuerySelector(".account-nav .account-name strong")!.TextContent);
    }

    [Fact]
    public async Task TheOnlyAdministratorCannotDeleteTheirAccount()
    {
        using var admin = await site.SignInAsAdministratorAsync();

        var form = await admin.GetFormAsync("/account/delete");
        using var response = await form.Set("Input.Password", StaffAccounts.Password).SubmitAsync();

        var page = await admin.ReadPageAsync(response);
        Assert.Contains("only administrator", page.QuerySelector(".form-errors")!.TextContent);
        Assert.True(await site.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "admin@example.com", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task AStaffAccountGoesWithItsRoles()
    {
        using var moderator = await site.SignInAsStaffAsync("leaving-moderator@example.com", Roles.Moderator);
        var id = await site.UserIdAsync("leaving-moderator@example.com");

        var form = await moderator.GetFormAsync("/account/delete");
        using var response = await form.Set("Input.Password", StaffAccounts.Password).SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await site.WithDbAsync(db => db.UserRoles.AnyAsync(r => r.UserId == id, TestContext.Current.CancellationToken)));
        Assert.False(await site.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == id, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task TheDeletePageNeedsASignedInReader()
    {
        using var anonymous = site.Browser();

        using var response = await anonymous.Http.GetAsync("/account/delete", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }
}

/// <summary>Remove: the comments go; those with replies from others stay as placeholders, threads and counts stay right.</summary>
public sealed class AccountDeletionRemoveTests(AccountDeletionRemoveTests.Site site) : IClassFixture<AccountDeletionRemoveTests.Site>
{
    public sealed class Site : PrivacySite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [.. base.Settings, new("Privacy:OnAccountDeletion", "Remove")];
    }

    [Fact]
    public async Task CommentsWithRepliesBecomePlaceholdersAndTheRestAreDeleted()
    {
        using var erin = await site.SignUpAsync("erin@example.com", "Erin");
        using var frank = await site.SignUpAsync("frank@example.com", "Frank");
        var answered = await PrivacySite.CommentAsync(erin, "Erin's answered comment");
        var franks = await PrivacySite.CommentAsync(frank, "Frank replies to Erin", replyTo: answered);
        var leaf = await PrivacySite.CommentAsync(erin, "Erin's last word", replyTo: franks);
        var alone = await PrivacySite.CommentAsync(erin, "Erin's lonely comment");
        var ownThread = await PrivacySite.CommentAsync(erin, "Erin talks to herself");
        var ownReply = await PrivacySite.CommentAsync(erin, "Erin agrees with herself", replyTo: ownThread);
        await PrivacySite.VoteAsync(erin, franks, 1);
        var edit = await erin.GetFormAsync($"/comments/{answered}/edit", "form.comment-form");
        using (await edit.Set("Body", "Erin's answered comment, edited").SubmitAsync()) { }
        var count = await site.CommentCountAsync();

        using var deleted = await Deletion.DeleteAsync(erin, PrivacySite.Password);

        await Deletion.AssertGoneAsync(site, erin, deleted, "erin@example.com");
        var placeholder = (await Deletion.CommentAsync(site, answered))!;
        Assert.Equal((CommentStatus.Deleted, "", null, null), (placeholder.Status, placeholder.Body, placeholder.UserId, placeholder.IpHash));
        Assert.False(await site.WithDbAsync(db => db.CommentRevisions.AnyAsync(r => r.CommentId == answered, TestContext.Current.CancellationToken)));
        foreach (var gone in new[] { leaf, alone, ownThread, ownReply })
        {
            Assert.Null(await Deletion.CommentAsync(site, gone));
        }
        var reply = (await Deletion.CommentAsync(site, franks))!;
        Assert.Equal((CommentStatus.Approved, 1), (reply.Status, reply.Upvotes));
        Assert.Equal(count - 5, await site.CommentCountAsync());

        var page = await site.GetPageAsync(PrivacySite.Open);
        var shown = ThreadReader.Read(page);
        var thread = shown.Single(c => c.Id == answered);
        Assert.Equal("Comment deleted", thread.Author);
        Assert.Equal(("Frank", franks), (thread.Replies.Single().Author, thread.Replies.Single().Id));
        Assert.Empty(thread.Replies.Single().Replies);
        Assert.DoesNotContain(shown, c => c.Id == alone || c.Id == ownThread);
        Assert.DoesNotContain("Erin's", page.QuerySelector("#comments")!.TextContent);
        Assert.Contains($"{count - 5} comments", page.QuerySelector(".byline a[href='#comments']")!.TextContent);
    }
}
