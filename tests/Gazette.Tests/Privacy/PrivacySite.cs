using System.Net;
using Gazette.Tests.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Privacy;

/// <summary>The discussion site (an open article with one comment), with readers who sign up and write through the real forms.</summary>
public class PrivacySite : DiscussionSite
{
    public const string Password = "Private-Horse-42";
    public const string WriteUrl = Open + "/comment";

    private int nextAddress;

    /// <summary>A browser from an address of its own (so its comments carry an IP hash), signed up and signed in as a new reader.</summary>
    public async Task<FormClient> SignUpAsync(string email, string displayName)
    {
        var browser = Browser();
        browser.Http.DefaultRequestHeaders.Add(ApiClient.ClientIpHeader, $"203.0.113.{Interlocked.Increment(ref nextAddress) + 100}");
        await Members.SignUpAndSignInAsync(browser, email, displayName, Password);
        await Members.VerifyAsync(this, email);
        return browser;
    }

    /// <summary>Posts a comment (or a reply) through the comment form and returns its id.</summary>
    public static async Task<int> CommentAsync(FormClient browser, string body, int? replyTo = null)
    {
        var form = await browser.GetFormAsync(replyTo is null ? WriteUrl : $"{WriteUrl}?replyTo={replyTo}", "form.comment-form");
        using var response = await form.Set("Body", body).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    /// <summary>Votes through the vote page, as a reader without JavaScript does.</summary>
    public static async Task VoteAsync(FormClient browser, int commentId, int value)
    {
        var form = await browser.GetFormAsync($"/comments/{commentId}/vote?value={value}", "form.vote-form");
        using var response = await browser.Http.PostAsync(form.Action,
            new FormUrlEncodedContent(form.Values.Where(v => v.Key != "Value").Append(new("Value", value.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public Task<string> UserIdAsync(string email) => WithDbAsync(db =>
        db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken));

    public Task<int> CommentCountAsync() => WithDbAsync(db =>
        db.Articles.Where(a => a.Slug == "open-story").Select(a => a.CommentCount).SingleAsync(TestContext.Current.CancellationToken));
}
