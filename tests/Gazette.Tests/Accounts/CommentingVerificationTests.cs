using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Accounts.Mail;
using Gazette.Tests.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Accounts;

/// <summary>The discussion site, with account mail readable and Site:BaseUrl set for its links.</summary>
public class VerifyingDiscussionSite : DiscussionSite
{
    public AccountMailbox Mail => field ??= AccountMailbox.Of(this);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [.. base.Settings, new("Site:BaseUrl", AccountSite.BaseUrl), new("Mail:PollInterval", "00:00:00.2")];

    /// <summary>A browser signed in as a new member who has not followed the verification link.</summary>
    public async Task<FormClient> UnverifiedAsync(string email)
    {
        var browser = Browser();
        await Members.SignUpAndSignInAsync(browser, email, $"Unverified {email.Split('@')[0]}", AccountSite.Password);
        return browser;
    }

    public Task<int> CommentsByAsync(string email) => WithDbAsync(db =>
        db.Comments.CountAsync(c => db.Users.Any(u => u.Id == c.UserId && u.NormalizedEmail == email.ToUpperInvariant()), TestContext.Current.CancellationToken));
}

/// <summary>The same site where Accounts:RequireVerifiedEmailToComment is off.</summary>
public sealed class UnverifiedMayCommentSite : VerifyingDiscussionSite
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [.. base.Settings, new("Accounts:RequireVerifiedEmailToComment", "false")];
}

public sealed class CommentingVerificationTests(VerifyingDiscussionSite site) : IClassFixture<VerifyingDiscussionSite>
{
    private const string Text = "My first words here, kept while I verify.";

    [Fact]
    public async Task AnUnverifiedMemberWhoCommentsIsToldToVerifyAndTheFormKeepsTheTextIssue12()
    {
        using var member = await site.UnverifiedAsync("unverified-form@example.com");
        var form = await member.GetFormAsync(DiscussionSite.Open + "/comment", "form.comment-form");

        using var posted = await form.Set("Body", Text).SubmitAsync();

        var page = await member.ReadPageAsync(posted, 403);
        Assert.Contains("Verify your email address before you comment", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal(Text, page.QuerySelector<IHtmlTextAreaElement>("form.comment-form #Body")!.Value);
        Assert.StartsWith("/account/verify-again?returnUrl=", page.QuerySelector("form.verify-first")!.GetAttribute("action"));
        Assert.Equal(0, await site.CommentsByAsync("unverified-form@example.com"));
    }

    [Fact]
    public async Task TheApiAnswersAnUnverifiedMemberWithA403ProblemThatLinksToTheResendPage()
    {
        using var member = await site.UnverifiedAsync("unverified-api@example.com");
        var token = (await member.Http.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery", TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/articles/open-story/comments") { Content = JsonContent.Create(new { body = Text }) };
        request.Headers.Add("X-CSRF-TOKEN", token);

        using var response = await member.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Contains("Verify your email address", problem.GetProperty("detail").GetString());
        Assert.Equal("/account/verify-again", problem.GetProperty("verifyAgain").GetString());
        Assert.Equal(0, await site.CommentsByAsync("unverified-api@example.com"));
    }

    [Fact]
    public async Task TheLinkIsSentAgainAtMostEveryFiveMinutesAndOnceFollowedTheMemberComments()
    {
        const string email = "resend@example.com";
        using var member = await site.UnverifiedAsync(email);
        await site.Mail.NthLinkOfAsync(AccountMessageKind.VerifyAddress, email, 1);
        var refused = await member.ReadPageAsync(
            await (await member.GetFormAsync(DiscussionSite.Open + "/comment", "form.comment-form")).Set("Body", Text).SubmitAsync(), 403);

        using var tooSoon = await member.Form(refused, "form.verify-first").SubmitAsync();
        var told = await member.FollowAsync(tooSoon);
        Assert.Contains("You can ask for another in 5 minutes", told.QuerySelector(".account-done")!.TextContent);
        Assert.Single(await site.Mail.ToAsync(email));

        site.Clock.Advance(TimeSpan.FromMinutes(5));
        using var again = await member.Form(told, "form.verify-again").SubmitAsync();
        Assert.Contains("on its way to resend@example.com", (await member.FollowAsync(again)).QuerySelector(".account-done")!.TextContent);
        var link = await site.Mail.NthLinkOfAsync(AccountMessageKind.VerifyAddress, email, 2);
        using var pressed = await member.Form(await member.GetPageAsync(link), "main form").SubmitAsync();
        Assert.Equal("Your address is verified", (await member.ReadPageAsync(pressed)).QuerySelector("h1")!.TextContent);

        using var posted = await (await member.GetFormAsync(DiscussionSite.Open + "/comment", "form.comment-form")).Set("Body", Text).SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(1, await site.CommentsByAsync(email));
    }
}

public sealed class UnverifiedCommentingTests(UnverifiedMayCommentSite site) : IClassFixture<UnverifiedMayCommentSite>
{
    [Fact]
    public async Task WithTheSettingOffAnUnverifiedMemberComments()
    {
        using var member = await site.UnverifiedAsync("allowed@example.com");
        var form = await member.GetFormAsync(DiscussionSite.Open + "/comment", "form.comment-form");

        using var posted = await form.Set("Body", "Allowed without verifying.").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(1, await site.CommentsByAsync("allowed@example.com"));
    }
}
