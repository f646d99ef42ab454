using System.Net;
using static Gazette.Tests.Accounts.AccountPage;
using static Gazette.Tests.Accounts.AccountSite;

namespace Gazette.Tests.Accounts;

public sealed class SignOutTests(AccountSite site) : IClassFixture<AccountSite>
{
    [Fact]
    public async Task TheSignOutButtonInTheHeaderEndsTheSession()
    {
        using var browser = await site.SignUpAsync("leaving@example.com", "Leaving Reader");
        var page = await browser.GetPageAsync("/");

        using var response = await browser.Form(page, ".account-nav form").SubmitAsync();
        var home = await browser.FollowAsync(response);

        Assert.Equal("Signed in as Leaving Reader", SignedInAs(page));
        Assert.Equal("/account/sign-out", browser.Form(page, ".account-nav form").Action);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Null(browser.Cookie(SessionCookie));
        Assert.Null(SignedInAs(home));
        Assert.Equal(["Sign in", "Create account"], home.QuerySelectorAll(".account-nav a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task OpeningTheSignOutPageOnlyOffersTheButton()
    {
        using var browser = await site.SignUpAsync("staying@example.com", "Staying Reader");

        var signOutPage = await browser.GetPageAsync("/account/sign-out");
        var home = await browser.GetPageAsync("/");

        Assert.Equal("Sign out", signOutPage.QuerySelector("main form button")!.TextContent);
        Assert.Equal("Signed in as Staying Reader", SignedInAs(home));
    }

    [Fact]
    public async Task SigningOutFromTheSignOutPageGoesHome()
    {
        using var browser = await site.SignUpAsync("page-leaver@example.com");
        var form = await browser.GetFormAsync("/account/sign-out");

        using var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Null(browser.Cookie(SessionCookie));
    }
}
