using Gazette.Accounts.Mail;
using static Gazette.Tests.Accounts.AccountPage;

namespace Gazette.Tests.Accounts;

public sealed class VerificationTests(AccountSite site) : IClassFixture<AccountSite>
{
    [Fact]
    public async Task SigningUpMailsALinkWhoseButtonVerifiesTheAddress()
    {
        using var browser = await site.SignUpAsync("verify-me@example.com", "Verifying Reader");
        Assert.False((await site.FindUserAsync("verify-me@example.com"))!.EmailConfirmed);
        var link = await site.Mail.LinkOfAsync(AccountMessageKind.VerifyAddress, "verify-me@example.com");
        using var mailbox = site.Browser();
        var opened = await mailbox.GetPageAsync(link);
        Assert.False((await site.FindUserAsync("verify-me@example.com"))!.EmailConfirmed);

        using var pressed = await mailbox.Form(opened, "main form").SubmitAsync();

        var done = await mailbox.ReadPageAsync(pressed);
        Assert.Equal("Your address is verified", done.QuerySelector("h1")!.TextContent);
        Assert.True((await site.FindUserAsync("verify-me@example.com"))!.EmailConfirmed);
        Assert.Contains("verify-me@example.com.", (await browser.GetPageAsync("/account")).QuerySelector(".profile-address")!.TextContent);
    }

    [Fact]
    public async Task ATamperedVerificationLinkSaysItIsNotValid()
    {
        (await site.SignUpAsync("tampered-verify@example.com")).Dispose();
        var link = await site.Mail.LinkOfAsync(AccountMessageKind.VerifyAddress, "tampered-verify@example.com");
        using var mailbox = site.Browser();

        var page = await mailbox.GetPageAsync(link.Replace("code=", "code=x", StringComparison.Ordinal));

        Assert.NotNull(page.QuerySelector(".link-invalid"));
        Assert.Null(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task ANewAddressIsUsedOnlyOnceConfirmedFromItsMailAndTheOldOneIsTold()
    {
        using var browser = await site.SignUpAsync("old-address@example.com", "Moving Reader");
        var account = await browser.GetPageAsync("/account");
        using var asked = await browser.Form(account, "form.profile-address-form").Set("Address.Email", "new-address@example.com").SubmitAsync();
        var told = await browser.FollowAsync(asked);
        Assert.Contains("on its way to new-address@example.com", told.QuerySelector(".account-done")!.TextContent);
        Assert.NotNull(await site.FindUserAsync("old-address@example.com"));
        var link = await site.Mail.LinkOfAsync(AccountMessageKind.ConfirmNewAddress, "new-address@example.com");
        var opened = await browser.GetPageAsync(link);

        using var pressed = await browser.Form(opened, "main form").SubmitAsync();

        Assert.Equal("Your address is changed", (await browser.ReadPageAsync(pressed)).QuerySelector("h1")!.TextContent);
        var member = (await site.FindUserAsync("new-address@example.com"))!;
        Assert.Equal(("new-address@example.com", true), (member.UserName, member.EmailConfirmed));
        var notice = await site.Mail.OneAsync(AccountMessageKind.AddressChanged, "old-address@example.com");
        Assert.Contains("Your account now uses the address new-address@example.com", notice.TextBody);
        using var signIn = await AccountSite.SignInAsync(site.Browser(), "new-address@example.com", AccountSite.Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task ChangingThePasswordSignsOutTheOtherBrowsersButNotThisOne()
    {
        using var laptop = await site.SignUpAsync("changing@example.com", "Changing Reader");
        using var phone = site.Browser();
        (await AccountSite.SignInAsync(phone, "changing@example.com", AccountSite.Password)).Dispose();
        var account = await laptop.GetPageAsync("/account");

        using var changed = await laptop.Form(account, "form.profile-password")
            .Set("Password.CurrentPassword", AccountSite.Password)
            .Set("Password.NewPassword", "Another-Secret-99").Set("Password.ConfirmPassword", "Another-Secret-99").SubmitAsync();

        Assert.Contains("Your password is changed", (await laptop.FollowAsync(changed)).QuerySelector(".account-done")!.TextContent);
        Assert.Equal("Signed in as Changing Reader", SignedInAs(await laptop.GetPageAsync("/")));
        Assert.Null(SignedInAs(await phone.GetPageAsync("/")));
        Assert.True(await site.CheckPasswordAsync("changing@example.com", "Another-Secret-99"));
    }

    [Fact]
    public async Task MailChoicesAreStoredWithRepliesOnByDefault()
    {
        using var browser = await site.SignUpAsync("choices@example.com");
        var account = await browser.GetPageAsync("/account");
        Assert.True((await site.FindUserAsync("choices@example.com"))!.RepliesByMail);

        using var saved = await browser.Form(account, "form.profile-mail").Check("MailChoices.RepliesByMail", false)
            .Set("MailChoices.Digest", "Weekly").SubmitAsync();

        var member = (await site.FindUserAsync("choices@example.com"))!;
        Assert.Equal((false, Gazette.Accounts.MailDigest.Weekly), (member.RepliesByMail, member.Digest));
    }
}
