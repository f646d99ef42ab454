using System.Net;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Accounts.AccountPage;
using static Gazette.Tests.Accounts.AccountSite;

namespace Gazette.Tests.Accounts;

public sealed class SignInTests(AccountSite site) : IClassFixture<AccountSite>
{
    [Fact]
    public async Task SigningInGoesBackToTheLocalPageItCameFromAndGreetsTheReader()
    {
        (await site.SignUpAsync("ines@example.com", "Inês")).Dispose();
        using var browser = site.Browser();

        using var response = await SignInAsync(browser, "ines@example.com", Password, "/account/sign-in?returnUrl=%2Ftag%2Fandroid%3Fpage%3D2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/tag/android?page=2", response.Headers.Location!.OriginalString);
        Assert.Equal("Signed in as Inês", SignedInAs(await browser.GetPageAsync("/")));
    }

    [Fact]
    public async Task AWrongPasswordAndAnUnknownEmailGetTheSameGenericMessage()
    {
        (await site.SignUpAsync("known@example.com")).Dispose();
        using var browser = site.Browser();

        using var wrongPassword = await SignInAsync(browser, "known@example.com", "Not-The-Password-1");
        var wrongPasswordPage = await browser.ReadPageAsync(wrongPassword);
        using var unknownEmail = await SignInAsync(browser, "nobody@example.com", "Not-The-Password-1");
        var unknownEmailPage = await browser.ReadPageAsync(unknownEmail);

        Assert.Contains("Email or password is not right", Summary(wrongPasswordPage));
        Assert.Equal(Summary(wrongPasswordPage), Summary(unknownEmailPage));
        Assert.Equal("", FieldError(wrongPasswordPage, "Input.Email"));
        Assert.Equal("known@example.com", Value(wrongPasswordPage, "Input.Email"));
        Assert.True(string.IsNullOrEmpty(Value(wrongPasswordPage, "Input.Password")));
        Assert.Null(browser.Cookie(SessionCookie));
    }

    [Fact]
    public async Task FiveWrongPasswordsFromOneNetworkMakeItWaitEvenWithTheRightOne()
    {
        (await site.SignUpAsync("guessed@example.com")).Dispose();
        using var browser = From(site.Browser(), "203.0.113.50");

        var summaries = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var response = await SignInAsync(browser, "guessed@example.com", $"Wrong-Guess-{attempt}");
            summaries.Add(Summary(await browser.ReadPageAsync(response)));
        }
        using var right = await SignInAsync(browser, "guessed@example.com", Password);
        var rightPage = await browser.ReadPageAsync(right);

        Assert.All(summaries[..4], summary => Assert.Contains("Email or password is not right", summary));
        Assert.Contains("Too many failed attempts to sign in with this address from your network: try again in 1 minute", summaries[4]);
        Assert.Contains("Too many failed attempts", Summary(rightPage));
        Assert.Null(browser.Cookie(SessionCookie));
    }

    [Fact]
    public async Task AStrangerGuessingFromElsewhereDoesNotLockTheMemberOutIssue12()
    {
        (await site.SignUpAsync("target@example.com", "Target Reader")).Dispose();
        using var stranger = From(site.Browser(), "198.51.100.66");
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            using var failed = await SignInAsync(stranger, "target@example.com", $"Wrong-Guess-{attempt}");
        }
        using var owner = From(site.Browser(), "192.0.2.10");

        using var response = await SignInAsync(owner, "target@example.com", Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Signed in as Target Reader", SignedInAs(await owner.GetPageAsync("/")));
    }

    [Fact]
    public async Task AnAddressWithoutAnAccountIsMadeToWaitInTheSameWordsAsOneWithAnAccount()
    {
        (await site.SignUpAsync("real@example.com")).Dispose();
        using var known = From(site.Browser(), "203.0.113.81");
        using var unknown = From(site.Browser(), "203.0.113.82");
        string last(List<string> pages) => pages[^1];
        var knownSummaries = new List<string>();
        var unknownSummaries = new List<string>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            using var k = await SignInAsync(known, "real@example.com", $"Wrong-Guess-{attempt}");
            knownSummaries.Add(Summary(await known.ReadPageAsync(k)));
            using var u = await SignInAsync(unknown, "nobody@example.com", $"Wrong-Guess-{attempt}");
            unknownSummaries.Add(Summary(await unknown.ReadPageAsync(u)));
        }

        Assert.Equal(knownSummaries, unknownSummaries);
        Assert.Contains("Too many failed attempts", last(knownSummaries));
    }

    private static FormClient From(FormClient browser, string address)
    {
        browser.Http.DefaultRequestHeaders.Add(ApiClient.ClientIpHeader, address);
        return browser;
    }

    [Fact]
    public async Task AMissingEmailOrPasswordIsToldOnItsField()
    {
        using var browser = site.Browser();

        using var response = await SignInAsync(browser, "", "");
        var page = await browser.ReadPageAsync(response);

        Assert.Equal("Enter your email address.", FieldError(page, "Input.Email"));
        Assert.Equal("Enter your password.", FieldError(page, "Input.Password"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task AReturnUrlOnAnotherSiteIsIgnored(string returnUrl)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await site.SignUpAsync(email)).Dispose();
        using var browser = site.Browser();
        var page = await browser.GetPageAsync("/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));

        using var response = await browser.Form(page).Set("Input.Email", email).Set("Input.Password", Password).SubmitAsync();

        Assert.DoesNotContain("evil", page.Body!.InnerHtml);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task KeepMeSignedInMakesTheSessionOutliveTheBrowser()
    {
        (await site.SignUpAsync("remember@example.com")).Dispose();
        using var browser = site.Browser();
        using var forgetful = site.Browser();

        using var remembered = await (await browser.GetFormAsync("/account/sign-in"))
            .Set("Input.Email", "remember@example.com").Set("Input.Password", Password).Check("Input.RememberMe").SubmitAsync();
        using var session = await SignInAsync(forgetful, "remember@example.com", Password);

        Assert.Contains("expires=", SessionSetCookie(remembered), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", SessionSetCookie(session), StringComparison.OrdinalIgnoreCase);

        static string SessionSetCookie(HttpResponseMessage response) =>
            Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSessionCookieIsHttpOnlyAndSameSiteLax()
    {
        (await site.SignUpAsync("cookie@example.com", "Cookie")).Dispose();

        using var response = await SignInAsync(site.Browser(), "cookie@example.com", Password);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
