using System.Net;
using System.Security.Claims;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Accounts.AccountPage;
using static Gazette.Tests.Accounts.AccountSite;

namespace Gazette.Tests.Accounts;

public sealed class AccountPagesTests(AccountSite site) : IClassFixture<AccountSite>
{
    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefusedAndCreatesNothing()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync("/account/sign-up");

        using var response = await form.Without("__RequestVerificationToken")
            .Set("Input.DisplayName", "Forger").Set("Input.Email", "forged@example.com")
            .Set("Input.Password", Password).Set("Input.ConfirmPassword", Password)
            .SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(browser.Cookie(SessionCookie));
        Assert.Null(await site.FindUserAsync("forged@example.com"));
    }

    [Fact]
    public async Task AnotherBrowsersTokenIsRefusedToo()
    {
        using var owner = site.Browser();
        using var forger = site.Browser();
        var ownersForm = await owner.GetFormAsync("/account/sign-up");
        await forger.GetFormAsync("/account/sign-up");

        using var response = await forger.Http.PostAsync("/account/sign-up", new FormUrlEncodedContent(
            ownersForm.Set("Input.DisplayName", "Forger").Set("Input.Email", "cross@example.com")
                .Set("Input.Password", Password).Set("Input.ConfirmPassword", Password).Values),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await site.FindUserAsync("cross@example.com"));
    }

    [Fact]
    public async Task TheDeniedPageIsAFriendlyForbidden()
    {
        var page = await site.GetPageAsync("/account/denied", expectedStatus: 403);

        Assert.Equal("You can’t open this page", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("main a[href='/']"));
    }

    [Theory]
    [InlineData("/?page=1", "/account/sign-in?returnUrl=%2F%3Fpage%3D1", "/account/sign-up?returnUrl=%2F%3Fpage%3D1")]
    [InlineData("/", "/account/sign-in", "/account/sign-up")]
    [InlineData("/account/sign-in?returnUrl=%2Ftag%2Fai", "/account/sign-in?returnUrl=%2Ftag%2Fai", "/account/sign-up?returnUrl=%2Ftag%2Fai")]
    [InlineData("/account/sign-in?returnUrl=https%3A%2F%2Fevil.example", "/account/sign-in", "/account/sign-up")]
    public async Task TheHeaderOffersToSignInOrUpAndComeBack(string url, string signIn, string signUp)
    {
        using var browser = site.Browser();

        var page = await browser.GetPageAsync(url);

        var links = page.QuerySelectorAll("header nav.account-nav[aria-label='Account'] a").ToList();
        Assert.Equal(["Sign in", "Create account"], links.Select(a => a.TextContent));
        Assert.Equal([signIn, signUp], links.Select(a => a.GetAttribute("href")!));
    }

    [Fact]
    public async Task TheHeaderOfANotFoundPageComesBackToTheMissingAddress()
    {
        using var browser = site.Browser();

        var page = await browser.GetPageAsync("/no/such/page?x=1", expectedStatus: 404);

        Assert.Equal("/account/sign-in?returnUrl=%2Fno%2Fsuch%2Fpage%3Fx%3D1",
            page.QuerySelector(".account-nav a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AccountFormsAreNeverServedFromThePageCache()
    {
        using var first = site.Browser();
        using var second = site.Browser();
        await first.GetPageAsync("/account/sign-in");
        await first.GetPageAsync("/account/sign-in");   // with its antiforgery cookie already: a response without Set-Cookie

        var form = await second.GetFormAsync("/account/sign-in");
        using var response = await form.Set("Input.Email", "nobody@example.com").Set("Input.Password", "Whatever-123").SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Email or password is not right", Summary(await second.ReadPageAsync(response)));
    }

    [Theory]
    [InlineData("/account/sign-up")]
    [InlineData("/account/sign-in")]
    [InlineData("/account/forgot-password")]
    public async Task EveryFieldHasALabelAndSaysWhatToAutocomplete(string url)
    {
        using var browser = site.Browser();

        var form = await browser.GetFormAsync(url);

        var fields = form.Element.QuerySelectorAll("input:not([type=hidden])").ToList();
        Assert.NotEmpty(fields);
        Assert.All(fields, field =>
        {
            Assert.NotNull(form.Element.Owner!.QuerySelector($"label[for='{field.Id}']"));
            if (field.GetAttribute("type") != "checkbox")
            {
                Assert.False(string.IsNullOrEmpty(field.GetAttribute("autocomplete")), $"{field.Id} has no autocomplete.");
            }
        });
        Assert.Equal("post", form.Method);
        Assert.False(string.IsNullOrEmpty(form["__RequestVerificationToken"]));
    }

    [Fact]
    public async Task ASignedInReaderIsGreetedOnPagesOthersGetFromThePageCache()
    {
        using var stranger = site.Browser();
        await stranger.GetPageAsync("/?page=1");
        using var reader = await site.SignUpAsync("cached@example.com", "Cached Reader");

        var readersPage = await reader.GetPageAsync("/?page=1");
        var strangersPage = await stranger.GetPageAsync("/?page=1");

        Assert.Equal("Signed in as Cached Reader", SignedInAs(readersPage));
        Assert.Null(SignedInAs(strangersPage));
    }

    [Fact]
    public async Task TheSignedInPrincipalCarriesTheDisplayNameClaim()
    {
        (await site.SignUpAsync("claims@example.com", "Zoë 🌍")).Dispose();
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GazetteUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<GazetteUser>>();

        var principal = await factory.CreateAsync((await users.FindByEmailAsync("claims@example.com"))!);

        Assert.Equal("Zoë 🌍", principal.FindFirstValue(GazetteClaimsFactory.DisplayNameClaim));
    }
}
