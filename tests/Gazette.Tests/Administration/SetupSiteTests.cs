using System.Net;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Newsroom;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Administration;

/// <summary>/setup names the site, sets its time zone and decides whether the demo stays: a real site starts clean.</summary>
public sealed class SetupSiteTests
{
    private const string Password = "First-Admin-Pass-1";
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    private static Form Filled(Form form, string siteName, string timeZone) =>
        form.Set("Site.Name", siteName).Set("Site.TimeZone", timeZone)
            .Set("Input.DisplayName", "Ada Admin").Set("Input.Email", "ada@example.com")
            .Set("Input.Password", Password).Set("Input.ConfirmPassword", Password);

    [Fact]
    public async Task SetupNamesTheSiteSetsItsTimeZoneAndARealSiteStartsWithoutTheDemo()
    {
        await using var site = new GazetteFactory();
        using var browser = new FormClient(site);
        var form = await browser.GetFormAsync("/setup");
        Assert.Equal(("Gazette", "UTC"), (form["Site.Name"], form["Site.TimeZone"]));
        // Not ticked: the tests' site runs as Production, not on a developer's machine.
        Assert.False(form.Element.QuerySelector("input[type=checkbox][name='Site.KeepDemo']")!.HasAttribute("checked"));

        using var response = await Filled(form, "Riverside Courier", "Europe/Paris").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
        var home = await site.GetPageAsync("/");
        Assert.Equal("Riverside Courier", home.Title);
        Assert.Empty(home.QuerySelectorAll(".article-list li"));
        Assert.False(await site.WithDbAsync(db => db.Articles.AnyAsync(Cancel)));
        var editor = await browser.GetPageAsync("/admin/articles/new");
        Assert.Contains("Europe/Paris", editor.QuerySelector("main")!.TextContent);
        var settings = await browser.GetFormAsync("/admin/settings");
        Assert.Equal("Riverside Courier", settings["Input.Name"]);
    }

    [Fact]
    public async Task KeepingTheDemoLeavesItInPlace()
    {
        await using var site = new GazetteFactory();
        using var browser = new FormClient(site);
        var form = Filled(await browser.GetFormAsync("/setup"), "Trial Gazette", "UTC").Check("Site.KeepDemo");

        using var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await site.WithDbAsync(db => db.Articles.AnyAsync(a => a.IsDemo, Cancel)));
        Assert.Equal("Trial Gazette", (await site.GetPageAsync("/")).Title);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Pacific Standard Time")]
    public async Task ATimeZoneThatIsNotAnIanaNameIsRefusedBesideItsFieldWithWhatWasTyped(string timeZone)
    {
        await using var site = new AdminSite();
        using var browser = new FormClient(site);
        var form = Filled(await browser.GetFormAsync("/setup"), "Riverside Courier", timeZone);

        using var response = await form.SubmitAsync();

        var page = await browser.ReadPageAsync(response);
        Assert.Equal($"“{timeZone}” is not a time zone this server knows. Use an IANA name, such as Europe/Paris, America/New_York or UTC.",
            page.FieldError("Site.TimeZone"));
        Assert.Equal((timeZone, "Riverside Courier"), (browser.Form(page)["Site.TimeZone"], browser.Form(page)["Site.Name"]));
        Assert.Empty(await site.AdministratorIdsAsync());
    }

    [Fact]
    public async Task ASiteWithoutANameIsRefusedBesideTheField()
    {
        await using var site = new AdminSite();
        using var browser = new FormClient(site);
        var form = Filled(await browser.GetFormAsync("/setup"), "", "UTC");

        var page = await browser.ReadPageAsync(await form.SubmitAsync());

        Assert.Equal("Enter the site’s name.", page.FieldError("Site.Name"));
        Assert.Empty(await site.AdministratorIdsAsync());
    }
}
