using System.Net;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Accounts.AccountPage;
using static Gazette.Tests.Accounts.AccountSite;

namespace Gazette.Tests.Accounts;

/// <summary>Sessions end on the server: a copy of the cookie is worth nothing once its session is over.</summary>
public sealed class SessionTests(AccountSite site) : IClassFixture<AccountSite>
{
    [Fact]
    public async Task ACookieCopiedBeforeSigningOutNoLongerSignsInIssue12()
    {
        using var browser = await site.SignUpAsync("copied@example.com", "Copied Reader");
        using var thief = CopyOf(browser);
        var page = await browser.GetPageAsync("/");
        Assert.Equal("Signed in as Copied Reader", SignedInAs(await thief.GetPageAsync("/")));

        using var response = await browser.Form(page, ".account-nav form").SubmitAsync();

        Assert.Null(SignedInAs(await thief.GetPageAsync("/")));
    }

    [Fact]
    public async Task SigningOutEverywhereEndsTheSessionsOfEveryBrowser()
    {
        using var laptop = await site.SignUpAsync("everywhere@example.com", "Everywhere Reader");
        using var phone = Browser();
        using var signedIn = await SignInAsync(phone, "everywhere@example.com", Password);
        using var copy = CopyOf(phone);
        var account = await laptop.GetPageAsync("/account");

        using var response = await laptop.Form(account, "form.sign-out-everywhere").SubmitAsync();
        var home = await laptop.FollowAsync(response);

        Assert.Null(SignedInAs(home));
        Assert.Null(SignedInAs(await phone.GetPageAsync("/")));
        Assert.Null(SignedInAs(await copy.GetPageAsync("/")));
    }

    [Fact]
    public async Task SigningOutInOneBrowserLeavesTheOthersSignedIn()
    {
        using var laptop = await site.SignUpAsync("one-of-two@example.com", "Two Browsers");
        using var phone = Browser();
        using var signedIn = await SignInAsync(phone, "one-of-two@example.com", Password);
        var page = await laptop.GetPageAsync("/");

        using var response = await laptop.Form(page, ".account-nav form").SubmitAsync();

        Assert.Null(SignedInAs(await laptop.GetPageAsync("/")));
        Assert.Equal("Signed in as Two Browsers", SignedInAs(await phone.GetPageAsync("/")));
    }

    private FormClient CopyOf(FormClient browser)
    {
        var copy = Browser();
        copy.Cookies.Add(copy.Http.BaseAddress!, new Cookie(SessionCookie, browser.Cookie(SessionCookie)));
        return copy;
    }

    private FormClient Browser() => site.Browser();
}
