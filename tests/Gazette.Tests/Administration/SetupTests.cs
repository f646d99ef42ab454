using System.Net;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Administration.AdminPage;

namespace Gazette.Tests.Administration;

public sealed class SetupTests
{
    private const string Password = "First-Admin-Pass-1";

    private static async Task<HttpResponseMessage> SubmitSetupAsync(Form form, string name, string email, string password = Password, string? confirm = null) =>
        await form.Set("Input.DisplayName", name).Set("Input.Email", email)
            .Set("Input.Password", password).Set("Input.ConfirmPassword", confirm ?? password).SubmitAsync();

    [Fact]
    public async Task SetupMakesTheFirstAdministratorSignsThemInAndThenCloses()
    {
        await using var site = new AdminSite();
        using var browser = new FormClient(site);
        var signIn = await browser.GetPageAsync("/account/sign-in");
        var form = await browser.GetFormAsync("/setup");

        using var response = await SubmitSetupAsync(form, "Ada Admin", "ada@example.com");

        Assert.Equal("/setup", signIn.QuerySelector(".setup-link a")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
        var dashboard = await browser.FollowAsync(response);
        Assert.Equal("Signed in as Ada Admin", SignedInAs(dashboard));
        Assert.Contains(dashboard.QuerySelectorAll(".staff-sections a"), a => a.GetAttribute("href") == "/admin/users");
        Assert.Equal(["Administrator"], await site.RolesOfAsync("ada@example.com"));
        using var stranger = new FormClient(site);
        await stranger.GetPageAsync("/setup", expectedStatus: 404);
        Assert.Null((await stranger.GetPageAsync("/account/sign-in")).QuerySelector(".setup-link"));
    }

    [Fact]
    public async Task SetupIsNotFoundOnceAnAdministratorExistsAndItsFormNoLongerWorks()
    {
        await using var site = new AdminSite();
        using var early = new FormClient(site);
        var form = await early.GetFormAsync("/setup");
        await site.EnsureUserAsync("boss@example.com", "Boss", Roles.Administrator);

        using var late = await SubmitSetupAsync(form, "Latecomer", "late@example.com");

        await site.GetPageAsync("/setup", expectedStatus: 404);
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.StartsWith("/account/sign-in", late.Headers.Location!.OriginalString);
        Assert.Empty(await site.RolesOfAsync("late@example.com"));
        Assert.Single(await site.AdministratorIdsAsync());
    }

    [Fact]
    public async Task TwoSetupsSubmittedAtOnceMakeOneAdministrator()
    {
        await using var site = new AdminSite();
        using var first = new FormClient(site);
        using var second = new FormClient(site);
        var firstForm = await first.GetFormAsync("/setup");
        var secondForm = await second.GetFormAsync("/setup");

        var responses = await Task.WhenAll(
            SubmitSetupAsync(firstForm, "First", "first@example.com"),
            SubmitSetupAsync(secondForm, "Second", "second@example.com"));

        Assert.Single(await site.AdministratorIdsAsync());
        Assert.Single(responses, r => r.Headers.Location?.OriginalString == "/admin");
        Assert.Single(responses, r => r.Headers.Location?.OriginalString.StartsWith("/account/sign-in") == true);
        await site.GetPageAsync("/setup", expectedStatus: 404);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ASetupFormWithProblemsIsShownAgainWithWhatWasTyped()
    {
        await using var site = new AdminSite();
        using var browser = new FormClient(site);
        var form = await browser.GetFormAsync("/setup");

        using var response = await SubmitSetupAsync(form, "Ada Admin", "not-an-email", "short", "different");
        var page = await browser.ReadPageAsync(response);

        Assert.Equal("Enter an email address like name@example.com.", FieldError(page, "Input.Email"));
        Assert.Contains("at least 10 characters", FieldError(page, "Input.Password"));
        Assert.Equal("The two passwords are not the same.", FieldError(page, "Input.ConfirmPassword"));
        Assert.Equal("Ada Admin", Value(page, "Input.DisplayName"));
        Assert.Equal("not-an-email", Value(page, "Input.Email"));
        Assert.Empty(await site.AdministratorIdsAsync());
        await browser.GetPageAsync("/setup");
    }

    [Fact]
    public async Task SetupWithTheEmailOfAnExistingAccountSaysHowToPromoteIt()
    {
        await using var site = new AdminSite();
        await site.EnsureUserAsync("reader@example.com", "Reader");
        using var browser = new FormClient(site);
        var form = await browser.GetFormAsync("/setup");

        using var response = await SubmitSetupAsync(form, "Reader Again", "reader@example.com");
        var page = await browser.ReadPageAsync(response);

        Assert.Contains("admin create", FieldError(page, "Input.Email"));
        Assert.Empty(await site.AdministratorIdsAsync());
    }
}
