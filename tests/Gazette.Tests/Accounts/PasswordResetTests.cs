using System.Net;
using Gazette.Accounts;
using Gazette.Accounts.Mail;
using static Gazette.Tests.Accounts.AccountPage;
using static Gazette.Tests.Accounts.AccountSite;

namespace Gazette.Tests.Accounts;

public sealed class PasswordResetTests(AccountSite site) : IClassFixture<AccountSite>
{
    private const string NewPassword = "Brand-New-Secret-7";

    private async Task<HttpResponseMessage> AskForResetAsync(string email)
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync("/account/forgot-password");
        return await form.Set("Input.Email", email).SubmitAsync();
    }

    /// <summary>The reset link mailed to an address, as a path and query.</summary>
    private Task<string> ResetLinkFor(string email) => site.Mail.LinkOfAsync(AccountMessageKind.PasswordReset, email);

    [Fact]
    public async Task TheResetLinkIsNeverWrittenToTheLogInProductionIssue12()
    {
        (await site.SignUpAsync("log-reader@example.com")).Dispose();

        // The site runs in Production, as the tests' environment is.
        using var asked = await AskForResetAsync("log-reader@example.com");

        var link = await ResetLinkFor("log-reader@example.com");
        Assert.Contains(site.Logs.Messages, m => m.Message.Contains("PasswordReset"));
        Assert.DoesNotContain(site.Logs.Messages, m => m.Message.Contains("reset-password"));
        Assert.DoesNotContain(site.Logs.Messages, m => m.Message.Contains(link.Split("code=")[1]));
    }

    [Fact]
    public async Task TheResetMailIsAOneOffMessageWithAnAbsoluteLinkInBothParts()
    {
        (await site.SignUpAsync("absolute@example.com", "Abs Olute")).Dispose();
        using var asked = await AskForResetAsync("absolute@example.com");

        var message = await site.Mail.OneAsync(AccountMessageKind.PasswordReset, "absolute@example.com");

        Assert.StartsWith(AccountSite.BaseUrl + "/account/reset-password?email=absolute", AccountMailbox.LinkIn(message));
        Assert.Contains("Hello Abs Olute,", message.TextBody);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Null(message.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public async Task AnUnknownEmailGetsTheSameConfirmationAndNoLink()
    {
        (await site.SignUpAsync("has-account@example.com")).Dispose();
        using var browser = site.Browser();

        using var known = await AskForResetAsync("has-account@example.com");
        using var unknown = await AskForResetAsync("no-account@example.com");
        var knownPage = await browser.FollowAsync(known);
        var unknownPage = await browser.FollowAsync(unknown);

        Assert.Equal("/account/forgot-password/sent", known.Headers.Location!.OriginalString);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.Equal("Check your email", knownPage.QuerySelector("h1")!.TextContent);
        Assert.Equal(knownPage.QuerySelector("main")!.InnerHtml, unknownPage.QuerySelector("main")!.InnerHtml);
        Assert.DoesNotContain(site.Logs.Messages, m => m.Message.Contains("no-account@example.com"));
        await ResetLinkFor("has-account@example.com");
        Assert.Empty(await site.Mail.ToAsync("no-account@example.com"));
    }

    [Fact]
    public async Task TheMailedLinkSetsANewPasswordToSignInWith()
    {
        (await site.SignUpAsync("forgetful@example.com")).Dispose();
        using var asked = await AskForResetAsync("forgetful@example.com");
        var link = await ResetLinkFor("forgetful@example.com");
        using var browser = site.Browser();

        var form = await browser.GetFormAsync(link);
        using var reset = await form.Set("Input.Password", NewPassword).Set("Input.ConfirmPassword", NewPassword).SubmitAsync();
        var done = await browser.FollowAsync(reset);
        using var withNew = await SignInAsync(site.Browser(), "forgetful@example.com", NewPassword);
        using var withOld = await SignInAsync(site.Browser(), "forgetful@example.com", Password);
        var linkAgain = await browser.GetPageAsync(link);

        Assert.StartsWith("/account/reset-password?email=forgetful@example.com&code=", link);
        Assert.Equal("forgetful@example.com", form["Input.Email"]);
        Assert.Equal("/account/reset-password/done", reset.Headers.Location!.OriginalString);
        Assert.Equal("Your password has been changed", done.QuerySelector("h1")!.TextContent);
        Assert.NotNull(done.QuerySelector("main a[href='/account/sign-in']"));
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.NotNull(linkAgain.QuerySelector(".link-invalid"));
    }

    [Theory]
    [InlineData("not-a-real-code")]
    [InlineData("%%%")]
    [InlineData("")]
    public async Task AnInvalidCodeSaysTheLinkIsNotValid(string code)
    {
        (await site.SignUpAsync($"{nameof(AnInvalidCodeSaysTheLinkIsNotValid)}-{code.Length}@example.com")).Dispose();
        using var browser = site.Browser();

        var page = await browser.GetPageAsync(
            $"/account/reset-password?email={nameof(AnInvalidCodeSaysTheLinkIsNotValid)}-{code.Length}%40example.com&code={Uri.EscapeDataString(code)}");

        Assert.Contains("This link to reset your password is not valid", page.QuerySelector(".link-invalid")!.TextContent);
        Assert.Null(page.QuerySelector("main form"));
        Assert.NotNull(page.QuerySelector("main a[href='/account/forgot-password']"));
    }

    [Fact]
    public async Task ACodeChangedInTheFormIsRefusedBeforeAnythingElseAndThePasswordStays()
    {
        (await site.SignUpAsync("tampered@example.com")).Dispose();
        using var asked = await AskForResetAsync("tampered@example.com");
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(await ResetLinkFor("tampered@example.com"));

        using var response = await form.Set("Input.Code", "Zm9yZ2Vk").Set("Input.Password", "short").Set("Input.ConfirmPassword", "short")
            .SubmitAsync();
        var page = await browser.ReadPageAsync(response);

        Assert.NotNull(page.QuerySelector(".link-invalid"));
        Assert.True(await site.CheckPasswordAsync("tampered@example.com", Password));
    }

    [Fact]
    public async Task ATooShortNewPasswordIsToldOnItsField()
    {
        (await site.SignUpAsync("short-reset@example.com")).Dispose();
        using var asked = await AskForResetAsync("short-reset@example.com");
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(await ResetLinkFor("short-reset@example.com"));

        using var response = await form.Set("Input.Password", "Short1pw").Set("Input.ConfirmPassword", "Short1pw").SubmitAsync();
        var page = await browser.ReadPageAsync(response);

        Assert.Equal("Passwords must be at least 10 characters.", FieldError(page, "Input.Password"));
        Assert.NotNull(page.QuerySelector("main form"));
        Assert.True(await site.CheckPasswordAsync("short-reset@example.com", Password));
    }

    [Fact]
    public async Task ResettingThePasswordEndsALockout()
    {
        (await site.SignUpAsync("locked@example.com")).Dispose();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var failed = await SignInAsync(site.Browser(), "locked@example.com", $"Wrong-Guess-{attempt}");
        }
        using var asked = await AskForResetAsync("locked@example.com");
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(await ResetLinkFor("locked@example.com"));

        using var reset = await form.Set("Input.Password", NewPassword).Set("Input.ConfirmPassword", NewPassword).SubmitAsync();
        using var signIn = await SignInAsync(browser, "locked@example.com", NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }
}
