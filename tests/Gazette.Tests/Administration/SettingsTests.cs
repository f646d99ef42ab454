using System.Net;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Administration.AdminPage;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Administration;

public sealed class SettingsTests
{
    [Fact]
    public async Task ANewSiteNameIsInThePublicPagesTitleOnTheNextRequest()
    {
        await using var site = new AdminSite();
        var before = await site.GetPageAsync("/");
        // The home page is now in the page cache: saving must evict it.
        Assert.Equal("Gazette", Title(before));
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync("/admin/settings");

        using var response = await form.Set("Input.Name", "The Daily Quill").Set("Input.Tagline", "All the news that fits")
            .Set("Input.Description", "Small news, long discussions.").SubmitAsync();
        var after = await site.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Settings saved.", (await admin.FollowAsync(response)).QuerySelector(".form-done")!.TextContent);
        Assert.Equal("The Daily Quill", Title(after));
        Assert.Equal("The Daily Quill", after.QuerySelector(".site-name")!.TextContent);
        Assert.Equal("All the news that fits", after.QuerySelector(".site-tagline")!.TextContent);
        Assert.Equal("Small news, long discussions.", after.QuerySelector("meta[name=description]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task WrongValuesAreRefusedWithAMessageEachAndStayInTheForm()
    {
        await using var site = new AdminSite();
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync("/admin/settings");
        var longTagline = new string('t', 161);

        using var response = await form.Set("Input.Name", "  ").Set("Input.Tagline", longTagline)
            .Set("Input.ArticlesPerPage", "ten").Set("Input.ThreadsPerPage", "0").Set("Input.CloseAfterDays", "-3")
            .Set("Input.EditWindowMinutes", "15").SubmitAsync();
        var page = await admin.ReadPageAsync(response);

        Assert.Equal("Enter the site’s name.", FieldError(page, "Input.Name"));
        Assert.Equal("The tagline can be at most 160 characters long.", FieldError(page, "Input.Tagline"));
        Assert.Equal("Articles per page must be a whole number from 1 to 100.", FieldError(page, "Input.ArticlesPerPage"));
        Assert.Equal("Threads per page must be a whole number from 1 to 1,000.", FieldError(page, "Input.ThreadsPerPage"));
        Assert.Equal("Close discussions after must be a whole number from 0 to 36,500.", FieldError(page, "Input.CloseAfterDays"));
        Assert.Equal("", FieldError(page, "Input.EditWindowMinutes"));
        Assert.Equal((longTagline, "ten", "0", "-3"),
            (Value(page, "Input.Tagline"), Value(page, "Input.ArticlesPerPage"), Value(page, "Input.ThreadsPerPage"), Value(page, "Input.CloseAfterDays")));
        Assert.Equal(5, page.QuerySelectorAll(".form-errors li").Length);
        Assert.Equal(0, await site.WithDbAsync(db => db.SiteSettings.CountAsync(TestContext.Current.CancellationToken)));
        Assert.Equal("Gazette", Title(await site.GetPageAsync("/")));
    }

    [Fact]
    public async Task OnlyTheChangedSettingsAreSavedUnderTheirConfigurationKeys()
    {
        await using var site = new AdminSite();
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync("/admin/settings");

        using var response = await form.Set("Input.Name", "Renamed").Set("Input.ArticlesPerPage", " 007 ").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await site.WithDbAsync(db => db.SiteSettings.OrderBy(s => s.Key).Select(s => new { s.Key, s.Value })
            .ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["Site:ArticlesPerPage=7", "Site:Name=Renamed"], saved.Select(s => $"{s.Key}={s.Value}"));
        Assert.Equal("7", Value(await admin.GetPageAsync("/admin/settings"), "Input.ArticlesPerPage"));
    }

    [Fact]
    public async Task ClosingDiscussionsAfterSomeDaysClosesOlderArticlesAtOnceAndEmptyOpensThemAgain()
    {
        await using var site = new AdminSite();
        await site.WithDbAsync(async db =>
        {
            db.Add(Article("Three days old", GazetteFactory.Now.UtcDateTime.AddDays(-3), Author("Ana Writer")));
            await db.SaveChangesAsync();
        });
        var open = await site.GetPageAsync("/articles/three-days-old");
        using var admin = await site.SignInAsAdministratorAsync();

        using var closing = await (await admin.GetFormAsync("/admin/settings")).Set("Input.CloseAfterDays", "2").SubmitAsync();
        var closed = await site.GetPageAsync("/articles/three-days-old");
        using var reopening = await (await admin.GetFormAsync("/admin/settings")).Set("Input.CloseAfterDays", "").SubmitAsync();
        var reopened = await site.GetPageAsync("/articles/three-days-old");

        Assert.Null(open.QuerySelector(".comments-closed"));
        Assert.Equal("Comments are closed on this article.", closed.QuerySelector(".comments-closed")?.TextContent);
        Assert.Null(reopened.QuerySelector(".comments-closed"));
        Assert.Equal("", Value(await admin.GetPageAsync("/admin/settings"), "Input.CloseAfterDays"));
    }

    [Fact]
    public async Task SavedSettingsAreKeptAcrossARestart()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-settings-").FullName;
        await using (var first = new AdminSite(folder))
        {
            using var admin = await first.SignInAsAdministratorAsync();
            using var response = await (await admin.GetFormAsync("/admin/settings")).Set("Input.Name", "Still Here").SubmitAsync();
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await using var second = new AdminSite(folder);
        var home = await second.GetPageAsync("/");

        Assert.Equal("Still Here", Title(home));
        await second.DisposeAsync();
        AdminSite.DeleteDataFolder(folder);
    }
}
