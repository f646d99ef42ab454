using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Operations;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Media;
using Gazette.Tests.Operations;
using SkiaSharp;

namespace Gazette.Tests.Accounts;

/// <summary>
/// Issue 15 follow-up, "nothing typed is lost", on the account forms: signing up and /account (display name, picture).
/// With the database away the form comes back (503) with every field but the passwords, which are asked for again; a
/// form whose antiforgery token does not hold comes back the same way (400); a picture too large or not an image is
/// told on its field of /account.
/// </summary>
public sealed class AccountFormKeepsTextTests(OperationsSite site) : IClassFixture<OperationsSite>, IDisposable
{
    private const string Secret = "Sup3r-Secret-Passw0rd";

    [Fact]
    public async Task ASignUpSentWhileTheDatabaseIsAwayComesBackWithTheNameAndAddressAndAsksForThePasswordAgainIssue15()
    {
        using var browser = site.Browser();
        var form = await FilledSignUpAsync(browser, "Away Signer", "away-signer@example.com");
        site.DatabaseDown = true;

        using var refused = await form.SubmitAsync();

        var page = await browser.ReadPageAsync(refused, 503);
        Assert.Equal(DatabaseOutageHandler.FormMessage, page.QuerySelector(".form-errors")!.TextContent);
        var again = browser.Form(page, "form.outage-form");
        Assert.Equal("Away Signer", again["Input.DisplayName"]);
        Assert.Equal("away-signer@example.com", again["Input.Email"]);
        AssertPasswordsAskedAgain(page, again, "Input.Password", "Input.ConfirmPassword");

        site.DatabaseDown = false;
        using var sent = await again.Set("Input.Password", Secret).Set("Input.ConfirmPassword", Secret).PressAsync("Send again");
        Assert.Equal("/account/sign-up/sent", sent.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ASignUpWhoseTokenNoLongerHoldsComesBackWithTheNameAndAddressIssue15()
    {
        using var browser = site.Browser();
        var form = await FilledSignUpAsync(browser, "Stale Signer", "stale-signer@example.com");
        form.Set(Gazette.Infrastructure.SentForm.AntiforgeryField, "no-longer-valid");
        browser.Http.DefaultRequestHeaders.Add("Origin", "http://localhost");

        using var refused = await form.SubmitAsync();

        var page = await browser.ReadPageAsync(refused, 400);
        Assert.Equal("Please send that again", page.QuerySelector("h1")!.TextContent);
        var again = browser.Form(page, "form.resend-form");
        Assert.Equal("Stale Signer", again["Input.DisplayName"]);
        Assert.Equal("stale-signer@example.com", again["Input.Email"]);
        AssertPasswordsAskedAgain(page, again, "Input.Password", "Input.ConfirmPassword");

        using var sent = await again.Set("Input.Password", Secret).Set("Input.ConfirmPassword", Secret).PressAsync("Send again");
        Assert.Equal("/account/sign-up/sent", sent.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ANewDisplayNameSentWhileTheDatabaseIsAwayComesBackShownToBeReadAndChanged()
    {
        using var reader = await site.SignInAsStaffAsync("renamer@example.com");
        var form = (await reader.GetFormAsync("/account", "form.profile-name")).Set("Name.DisplayName", "Quite A New Name");
        site.DatabaseDown = true;

        using var refused = await form.SubmitAsync();

        var page = await reader.ReadPageAsync(refused, 503);
        var again = reader.Form(page, "form.outage-form");
        Assert.Equal("Quite A New Name", again["Name.DisplayName"]);
        AssertShown(page, "form.outage-form", "Name.DisplayName");
    }

    [Fact]
    public async Task ANewDisplayNameWhoseTokenNoLongerHoldsComesBackShownToBeReadAndChanged()
    {
        using var reader = await site.SignInAsStaffAsync("stale-renamer@example.com");
        var form = (await reader.GetFormAsync("/account", "form.profile-name"))
            .Set("Name.DisplayName", "Renamed Over A Stale Page").Set(Gazette.Infrastructure.SentForm.AntiforgeryField, "no-longer-valid");
        reader.Http.DefaultRequestHeaders.Add("Origin", "http://localhost");

        using var refused = await form.SubmitAsync();

        var page = await reader.ReadPageAsync(refused, 400);
        Assert.Equal("Please send that again", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Renamed Over A Stale Page", reader.Form(page, "form.resend-form")["Name.DisplayName"]);
        AssertShown(page, "form.resend-form", "Name.DisplayName");
        using var sent = await reader.Form(page, "form.resend-form").PressAsync("Send again");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
    }

    [Fact]
    public async Task ANewAddressSentWhileTheDatabaseIsAwayComesBackShownToBeReadAndChanged()
    {
        using var reader = await site.SignInAsStaffAsync("moving@example.com");
        var form = (await reader.GetFormAsync("/account", "form.profile-address-form")).Set("Address.Email", "moved@example.com");
        site.DatabaseDown = true;

        using var refused = await form.SubmitAsync();

        var page = await reader.ReadPageAsync(refused, 503);
        Assert.Equal("moved@example.com", reader.Form(page, "form.outage-form")["Address.Email"]);
        AssertShown(page, "form.outage-form", "Address.Email");
    }

    [Fact]
    public async Task APasswordChangeSentWhileTheDatabaseIsAwayComesBackAskingForEveryPasswordAgain()
    {
        using var reader = await site.SignInAsStaffAsync("changing-password@example.com");
        var form = (await reader.GetFormAsync("/account", "form.profile-password"))
            .Set("Password.CurrentPassword", StaffAccounts.Password).Set("Password.NewPassword", Secret).Set("Password.ConfirmPassword", Secret);
        site.DatabaseDown = true;

        using var refused = await form.SubmitAsync();

        var page = await reader.ReadPageAsync(refused, 503);
        Assert.DoesNotContain(StaffAccounts.Password, page.DocumentElement.OuterHtml);
        AssertPasswordsAskedAgain(page, reader.Form(page, "form.outage-form"), "Password.CurrentPassword", "Password.NewPassword", "Password.ConfirmPassword");
    }

    [Fact]
    public async Task APictureSentWhileTheDatabaseIsAwayComesBackAskingForTheFileAgain()
    {
        using var reader = await site.SignInAsStaffAsync("picture-away@example.com");
        var form = (await reader.GetFormAsync("/account", "form.profile-picture"))
            .Attach("picture", TestImages.Encode(200, 200, SKEncodedImageFormat.Jpeg), "me.jpg", "image/jpeg");
        site.DatabaseDown = true;

        using var refused = await form.SubmitAsync();

        var page = await reader.ReadPageAsync(refused, 503);
        Assert.Equal(DatabaseOutageHandler.FormMessage, page.QuerySelector(".form-errors")!.TextContent);
        var again = page.QuerySelector<IHtmlFormElement>("form.outage-form")!;
        Assert.Equal("multipart/form-data", again.Enctype);
        Assert.NotNull(again.QuerySelector("input[type=file][name=picture]"));
    }

    [Fact]
    public async Task APictureOverTenMegabytesIsToldOnItsFieldOfTheAccountPage()
    {
        using var reader = await site.SignInAsStaffAsync("big-picture@example.com");
        var content = new byte[10 * 1024 * 1024 + 1];
        TestImages.Encode(100, 100, SKEncodedImageFormat.Jpeg).CopyTo(content, 0);
        var form = (await reader.GetFormAsync("/account", "form.profile-picture")).Attach("picture", content, "huge.jpg", "image/jpeg");

        using var refused = await form.SubmitAsync();

        var page = await reader.ReadPageAsync(refused);
        Assert.Contains("larger than 10 MB", page.QuerySelector("form.profile-picture .field-error")!.TextContent);
    }

    [Fact]
    public async Task AFileThatIsNotAPictureIsToldOnItsFieldOfTheAccountPage()
    {
        using var reader = await site.SignInAsStaffAsync("not-a-picture@example.com");
        var form = (await reader.GetFormAsync("/account", "form.profile-picture")).Attach("picture", "plain text"u8.ToArray(), "notes.txt", "text/plain");

        using var refused = await form.SubmitAsync();

        var page = await reader.ReadPageAsync(refused);
        Assert.Contains("JPEG, PNG, WebP or GIF", page.QuerySelector("form.profile-picture .field-error")!.TextContent);
    }

    private static async Task<Form> FilledSignUpAsync(FormClient browser, string name, string email) =>
        (await browser.GetFormAsync("/account/sign-up"))
            .Set("Input.DisplayName", name).Set("Input.Email", email).Set("Input.Password", Secret).Set("Input.ConfirmPassword", Secret);

    /// <summary>The passwords typed are never written into the page; empty password fields ask for them again.</summary>
    private static void AssertPasswordsAskedAgain(IDocument page, Form again, params string[] names)
    {
        Assert.DoesNotContain(Secret, page.DocumentElement.OuterHtml);
        foreach (var name in names)
        {
            var input = again.Element.QuerySelector<IHtmlInputElement>($"input[name='{name}']");
            Assert.True(input is { Type: "password", Value: "" }, $"No empty password field {name}.");
        }
    }

    /// <summary>A field a person typed is shown in the form again, with its label, not hidden in it.</summary>
    internal static void AssertShown(IDocument page, string formSelector, string name)
    {
        var field = page.QuerySelector($"{formSelector} [name='{name}']")!;
        Assert.NotEqual("hidden", field.GetAttribute("type"));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"{formSelector} label[for='{field.Id}']")?.TextContent), $"{name} has no label.");
    }

    public void Dispose() => site.DatabaseDown = false;
}

/// <summary>A sign-up over the rate limit comes back (429) with the name and address typed, and no password written into the page.</summary>
public sealed class SignUpRateLimitKeepsTextTests(SignUpRateLimitKeepsTextTests.Site site) : IClassFixture<SignUpRateLimitKeepsTextTests.Site>
{
    public sealed class Site : OperationsSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            .. base.Settings,
            new("RateLimits:Accounts:PerIdentity", "1"), new("RateLimits:Accounts:PerIp", "1"), new("RateLimits:Accounts:WindowSeconds", "3600"),
        ];
    }

    [Fact]
    public async Task ASignUpOverTheRateLimitComesBackWithTheNameAndAddressAndNoPassword()
    {
        using var browser = site.Browser();
        browser.Http.DefaultRequestHeaders.Add(OperationsSite.ClientIpHeader, "203.0.113.15");
        const string secret = "Sup3r-Secret-Passw0rd";
        using (var first = await (await browser.GetFormAsync("/account/sign-up")).Set("Input.DisplayName", "First Signer")
            .Set("Input.Email", "first-signer@example.com").Set("Input.Password", secret).Set("Input.ConfirmPassword", secret).SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }
        var form = (await browser.GetFormAsync("/account/sign-up")).Set("Input.DisplayName", "Second Signer")
            .Set("Input.Email", "second-signer@example.com").Set("Input.Password", secret).Set("Input.ConfirmPassword", secret);

        using var refused = await form.SubmitAsync();

        var page = await browser.ReadPageAsync(refused, 429);
        Assert.Contains("Too many attempts", page.QuerySelector(".form-errors")!.TextContent);
        var again = browser.Form(page, "form.account-form");
        Assert.Equal("Second Signer", again["Input.DisplayName"]);
        Assert.Equal("second-signer@example.com", again["Input.Email"]);
        Assert.DoesNotContain(secret, page.DocumentElement.OuterHtml);
    }
}
