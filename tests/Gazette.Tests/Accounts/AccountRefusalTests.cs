using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Accounts.Mail;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Accounts.AccountPage;

namespace Gazette.Tests.Accounts;

/// <summary>
/// Issue 12's audit of the account forms: every refusal answers the form again (never a 500), says on the field what is
/// wrong, and keeps what was typed, passwords excepted. The refusals other files test (sign-up, sign-in, the reset
/// link, the current password, a name too long) are not repeated here.
/// </summary>
public sealed class AccountRefusalTests(AccountSite site) : IClassFixture<AccountSite>
{
    public static TheoryData<string, string, string, string> ProfileRefusals => new()
    {
        // form, field, what was typed (or forged), what the field says
        { "form.profile-name", "Name.DisplayName", "", "Enter the name to show with your comments." },
        { "form.profile-address-form", "Address.Email", "", "Enter the new email address." },
        { "form.profile-address-form", "Address.Email", "not-an-address", "Enter an email address like name@example.com." },
        { "form.profile-address-form", "Address.Email", new string('a', 260) + "@example.com", "An email address can be at most 256 characters long." },
        { "form.profile-mail", "MailChoices.Digest", "9", "Choose no digest, daily or weekly." },
        { "form.profile-mail", "MailChoices.Digest", "often", "Choose no digest, daily or weekly." },
    };

    [Theory]
    [MemberData(nameof(ProfileRefusals))]
    public async Task AProfileFormRefusesBadInputOnItsFieldAndKeepsWhatWasTypedIssue12(string form, string field, string typed, string message)
    {
        using var browser = await site.SignUpAsync($"refused-{Guid.NewGuid():N}@example.com");
        var account = await browser.GetPageAsync("/account");

        var page = await PostAsync(browser, browser.Form(account, form), field, typed);

        Assert.Equal(message, FieldError(page, field));
        if (page.QuerySelector<IHtmlInputElement>($"{form} input[name='{field}']:not([type='radio'])") is { } input)
        {
            Assert.Equal(typed, input.Value);
        }
    }

    [Fact]
    public async Task ChangingTheAddressToTheOneInUseIsToldAndKeepsIt()
    {
        using var browser = await site.SignUpAsync("same-address@example.com", "Same Address");
        var account = await browser.GetPageAsync("/account");

        var page = await PostAsync(browser, browser.Form(account, "form.profile-address-form"), "Address.Email", "Same-Address@Example.com");

        Assert.Equal("This is already your address.", FieldError(page, "Address.Email"));
        Assert.Equal("Same-Address@Example.com", Value(page, "Address.Email"));
    }

    [Theory]
    [InlineData("short", "A-new-password-42", "Password.NewPassword")]
    [InlineData("A-new-password-42", "A-different-one-42", "Password.ConfirmPassword")]
    public async Task ANewPasswordThatIsRefusedIsToldOnItsFieldAndNoPasswordIsSentBack(string newPassword, string confirm, string field)
    {
        using var browser = await site.SignUpAsync($"new-password-{Guid.NewGuid():N}@example.com");
        var account = await browser.GetPageAsync("/account");

        using var response = await browser.Form(account, "form.profile-password").Set("Password.CurrentPassword", AccountSite.Password)
            .Set("Password.NewPassword", newPassword).Set("Password.ConfirmPassword", confirm).SubmitAsync();
        var page = await browser.ReadPageAsync(response);

        Assert.NotEqual("", FieldError(page, field));
        Assert.All(page.QuerySelectorAll<IHtmlInputElement>("form.profile-password input[type='password']"), input => Assert.Equal("", input.Value));
    }

    [Theory]
    [InlineData("", "Enter the email address of your account.")]
    [InlineData("nobody@", "Enter an email address like name@example.com.")]
    public async Task ForgotPasswordRefusesAMissingOrMalformedAddressOnItsFieldAndKeepsIt(string typed, string message)
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync("/account/forgot-password");

        using var response = await form.Set("Input.Email", typed).SubmitAsync();
        var page = await browser.ReadPageAsync(response);

        Assert.Equal(message, FieldError(page, "Input.Email"));
        Assert.Equal(typed, Value(page, "Input.Email") ?? "");
    }

    [Fact]
    public async Task ResetPasswordsThatDoNotMatchAreToldOnTheConfirmFieldAndTheLinkStillWorks()
    {
        const string email = "reset-mismatch@example.com";
        using var member = await site.SignUpAsync(email, "Forgetful Reader");
        using var browser = site.Browser();
        using var asked = await (await browser.GetFormAsync("/account/forgot-password")).Set("Input.Email", email).SubmitAsync();
        var link = await site.Mail.LinkOfAsync(AccountMessageKind.PasswordReset, email);
        var form = await browser.GetFormAsync(link);

        using var response = await form.Set("Input.Password", "A-new-password-42").Set("Input.ConfirmPassword", "Not-the-same-42").SubmitAsync();
        var page = await browser.ReadPageAsync(response);

        Assert.Equal("The two passwords are not the same.", FieldError(page, "Input.ConfirmPassword"));
        Assert.All(page.QuerySelectorAll<IHtmlInputElement>("input[type='password']"), input => Assert.Equal("", input.Value));
        using var again = await browser.Form(page).Set("Input.Password", "A-new-password-42").Set("Input.ConfirmPassword", "A-new-password-42").SubmitAsync();
        Assert.Equal(302, (int)again.StatusCode);
        Assert.True(await site.CheckPasswordAsync(email, "A-new-password-42"));
    }

    [Theory]
    [InlineData("/account/confirm-address?user=nobody&email=new%40example.com&code=bm90LWEtY29kZQ")]
    [InlineData("/account/confirm-address?email=new%40example.com")]
    [InlineData("/account/confirm-address?user=nobody&email=new%40example.com&code=%25%25%25")]
    public async Task ABrokenConfirmAddressLinkSaysSoWhetherOpenedOrPosted(string link)
    {
        using var browser = await site.SignUpAsync($"confirm-{Guid.NewGuid():N}@example.com");
        var opened = await browser.GetPageAsync(link);
        var form = await browser.GetFormAsync("/account");

        using var posted = await browser.Http.PostAsync(link, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", form["__RequestVerificationToken"]!)]), TestContext.Current.CancellationToken);
        var answered = await browser.ReadPageAsync(posted);

        Assert.NotNull(opened.QuerySelector(".link-invalid"));
        Assert.NotNull(answered.QuerySelector(".link-invalid"));
    }

    /// <summary>Sends the form with one field set to a value (a radio's value the page does not offer, too, as a forged request would).</summary>
    private static async Task<IDocument> PostAsync(FormClient browser, Form form, string field, string value)
    {
        var values = form.Values.Where(v => v.Key != field).Append(new(field, value)).ToList();
        using var response = await browser.Http.PostAsync(form.Action, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
        return await browser.ReadPageAsync(response);
    }
}
