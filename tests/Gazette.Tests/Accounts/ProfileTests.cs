using AngleSharp.Dom;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Accounts.AccountPage;

namespace Gazette.Tests.Accounts;

/// <summary>/account refuses what it cannot take with a specific message and keeps what was typed (issue 12).</summary>
public sealed class ProfileTests(AccountSite site) : IClassFixture<AccountSite>
{
    [Fact]
    public async Task ANameTooLongComesBackWithItsTextAndTheReason()
    {
        using var browser = await site.SignUpAsync("long-name@example.com", "Short Name");
        var account = await browser.GetPageAsync("/account");
        var tooLong = new string('n', GazetteUser.MaxDisplayNameLength + 1);

        using var response = await browser.Form(account, "form.profile-name").Set("Name.DisplayName", tooLong).SubmitAsync();
        var page = await browser.ReadPageAsync(response);

        Assert.Equal(tooLong, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("form.profile-name input[name='Name.DisplayName']")!.Value);
        Assert.NotEqual("", FieldError(page, "Name.DisplayName"));
        Assert.Equal("Short Name", (await site.FindUserAsync("long-name@example.com"))!.DisplayName);
    }

    [Fact]
    public async Task AWrongCurrentPasswordIsRefusedSayingSoAndChangesNothing()
    {
        using var browser = await site.SignUpAsync("wrong-current@example.com", "Careful Reader");
        var account = await browser.GetPageAsync("/account");

        using var response = await browser.Form(account, "form.profile-password")
            .Set("Password.CurrentPassword", "not-my-password-1").Set("Password.NewPassword", "A-new-password-42")
            .Set("Password.ConfirmPassword", "A-new-password-42").SubmitAsync();
        var page = await browser.ReadPageAsync(response);

        Assert.Contains("password", (Summary(page) + FieldError(page, "Password.CurrentPassword")).ToLowerInvariant());
        using var other = site.Browser();
        using var signedIn = await AccountSite.SignInAsync(other, "wrong-current@example.com", AccountSite.Password);
        Assert.Equal("Signed in as Careful Reader", SignedInAs(await other.GetPageAsync("/")));
    }
}
