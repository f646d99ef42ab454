using System.Net;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Accounts.AccountPage;
using static Gazette.Tests.Accounts.AccountSite;

namespace Gazette.Tests.Accounts;

public sealed class SignUpTests(AccountSite site) : IClassFixture<AccountSite>
{
    private static Form Filled(Form form, string name, string email, string password = Password, string? confirm = null) => form
        .Set("Input.DisplayName", name).Set("Input.Email", email)
        .Set("Input.Password", password).Set("Input.ConfirmPassword", confirm ?? password);

    [Fact]
    public async Task SigningUpMailsAVerificationLinkAndThePasswordSignsTheReaderIn()
    {
        using var stranger = site.Browser();
        var before = await stranger.GetPageAsync("/");   // the home page, now in the page cache for anyone signed out
        using var browser = site.Browser();

        using var response = await Filled(await browser.GetFormAsync("/account/sign-up"), "Zoë 🌍", "zoe@example.com").SubmitAsync();
        var sent = await browser.FollowAsync(response);
        using var signedIn = await SignInAsync(browser, "zoe@example.com", Password);
        var home = await browser.FollowAsync(signedIn);

        Assert.Null(SignedInAs(before));
        Assert.Equal("/account/sign-up/sent", response.Headers.Location!.OriginalString);
        Assert.Equal("Check your email", sent.QuerySelector("h1")!.TextContent);
        Assert.Equal("Signed in as Zoë 🌍", SignedInAs(home));
        Assert.Null(home.QuerySelector(".account-nav a[href^='/account/sign-in']"));
        var user = await site.FindUserAsync("zoe@example.com");
        Assert.Equal("Zoë 🌍", user!.DisplayName);
        Assert.Equal(GazetteFactory.Now.UtcDateTime, user.CreatedAt);
        Assert.False(user.EmailConfirmed);
        Assert.StartsWith(AccountSite.BaseUrl + "/account/verify?user=",
            AccountMailbox.LinkIn(await site.Mail.OneAsync(Gazette.Accounts.Mail.AccountMessageKind.VerifyAddress, "zoe@example.com")));
    }

    [Theory]
    [InlineData("  Ana  de Souza ")]
    [InlineData("李小龍")]
    [InlineData("محمد الأحمد")]
    [InlineData("Jose\u0301 <b>bold</b> & \"quoted\"")]
    public async Task TheDisplayNameIsKeptAndShownExactlyAsTyped(string name)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        using var browser = await site.SignUpAsync(email, name);

        var page = await browser.GetPageAsync("/");

        Assert.Equal(name, (await site.FindUserAsync(email))!.DisplayName);
        Assert.Equal(name, page.QuerySelector(".account-name strong")!.TextContent);
    }

    [Fact]
    public async Task SigningUpWithAnAddressThatHasAnAccountAnswersAsForANewOneAndMailsItsOwnerIssue12()
    {
        (await site.SignUpAsync("taken@example.com", "First")).Dispose();
        using var browser = site.Browser();

        using var taken = await Filled(await browser.GetFormAsync("/account/sign-up"), "Second", "Taken@Example.com").SubmitAsync();
        using var fresh = await Filled(await site.Browser().GetFormAsync("/account/sign-up"), "Third", "untaken@example.com").SubmitAsync();

        Assert.Equal((fresh.StatusCode, fresh.Headers.Location), (taken.StatusCode, taken.Headers.Location));
        Assert.Equal(
            (await browser.FollowAsync(fresh)).QuerySelector("main")!.InnerHtml,
            (await browser.FollowAsync(taken)).QuerySelector("main")!.InnerHtml);
        Assert.Null(browser.Cookie(SessionCookie));
        Assert.Equal("First", (await site.FindUserAsync("taken@example.com"))!.DisplayName);
        var told = await site.Mail.OneAsync(Gazette.Accounts.Mail.AccountMessageKind.AddressHasAccount, "taken@example.com");
        Assert.Contains("Hello First,", told.TextBody);
        Assert.StartsWith(AccountSite.BaseUrl + "/account/forgot-password", AccountMailbox.LinkIn(told));
        Assert.Single(await site.Mail.ToAsync("taken@example.com"), m => (m.Subject ?? "").StartsWith("Verify", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATooShortPasswordIsToldOnThePasswordFieldAndWhatWasTypedStays()
    {
        using var browser = site.Browser();

        using var response = await Filled(await browser.GetFormAsync("/account/sign-up"), "Ana Reader", "short@example.com", "Short1pw").SubmitAsync();
        var page = await browser.ReadPageAsync(response);

        Assert.Equal("Passwords must be at least 10 characters.", FieldError(page, "Input.Password"));
        Assert.Contains("Passwords must be at least 10 characters.", Summary(page));
        Assert.Equal("Ana Reader", Value(page, "Input.DisplayName"));
        Assert.Equal("short@example.com", Value(page, "Input.Email"));
        Assert.True(string.IsNullOrEmpty(Value(page, "Input.Password")));
        Assert.True(string.IsNullOrEmpty(Value(page, "Input.ConfirmPassword")));
        var password = page.QuerySelector("#Input_Password")!;
        Assert.Equal("true", password.GetAttribute("aria-invalid"));
        Assert.Equal("Input_Password-error password-hint", password.GetAttribute("aria-describedby"));
        Assert.Null(await site.FindUserAsync("short@example.com"));
    }

    [Fact]
    public async Task PasswordsThatDoNotMatchAreToldOnTheConfirmField()
    {
        using var browser = site.Browser();

        using var response = await Filled(await browser.GetFormAsync("/account/sign-up"), "Ana", "mismatch@example.com", Password, Password + "x")
            .SubmitAsync();
        var page = await browser.ReadPageAsync(response);

        Assert.Equal("The two passwords are not the same.", FieldError(page, "Input.ConfirmPassword"));
        Assert.Equal("", FieldError(page, "Input.Password"));
        Assert.Null(await site.FindUserAsync("mismatch@example.com"));
    }

    [Fact]
    public async Task EveryProblemIsToldAtOnceInTheOrderOfTheForm()
    {
        using var browser = site.Browser();

        using var response = await Filled(await browser.GetFormAsync("/account/sign-up"), "Ana", "not-an-email", "short", "other").SubmitAsync();
        var page = await browser.ReadPageAsync(response);

        Assert.Equal(new string?[] { "#Input_Email", "#Input_Password", "#Input_Password", "#Input_Password", "#Input_ConfirmPassword" },
            page.QuerySelectorAll(".form-errors a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Passwords must be at least 10 characters.", FieldError(page, "Input.Password"));
    }

    [Fact]
    public async Task AMissingNameAndAWrongEmailAreEachToldOnTheirField()
    {
        using var browser = site.Browser();

        using var response = await Filled(await browser.GetFormAsync("/account/sign-up"), "   ", "not-an-email").SubmitAsync();
        var page = await browser.ReadPageAsync(response);

        Assert.Equal("Enter the name to show with your comments.", FieldError(page, "Input.DisplayName"));
        Assert.Equal("Enter an email address like name@example.com.", FieldError(page, "Input.Email"));
        Assert.Equal(new string?[] { "#Input_DisplayName", "#Input_Email" }, page.QuerySelectorAll(".form-errors a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task ADisplayNameLongerThan64CharactersIsRefused()
    {
        using var browser = site.Browser();

        using var response = await Filled(await browser.GetFormAsync("/account/sign-up"), new string('a', 65), "long@example.com").SubmitAsync();
        var page = await browser.ReadPageAsync(response);

        Assert.Equal("Your display name can be at most 64 characters long.", FieldError(page, "Input.DisplayName"));
        Assert.Null(await site.FindUserAsync("long@example.com"));
    }

    [Fact]
    public async Task SigningUpKeepsTheLocalPageItCameFromForSigningIn()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync("/account/sign-up?returnUrl=%2Fcategory%2Fphones%3Fpage%3D2");

        using var response = await Filled(form, "Back", "back@example.com").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-up/sent?returnUrl=%2Fcategory%2Fphones%3Fpage%3D2", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task SigningUpIgnoresAReturnUrlOnAnotherSite(string returnUrl)
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync("/account/sign-up?returnUrl=" + Uri.EscapeDataString(returnUrl));

        using var response = await Filled(form, $"Safe {Guid.NewGuid():N}", $"{Guid.NewGuid():N}@example.com").SubmitAsync();

        Assert.DoesNotContain("evil", form.Action);
        Assert.Equal("/account/sign-up/sent", response.Headers.Location!.OriginalString);
    }
}
