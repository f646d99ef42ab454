using System.Net;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Export;

/// <summary>/admin/export: administrators only, a form with antiforgery, a download with a sensible name (issue 13).</summary>
public sealed class AdminExportTests(EmptyGazetteFactory site) : IClassFixture<EmptyGazetteFactory>
{
    [Fact]
    public async Task AnAdministratorDownloadsTheJsonExportAsANamedAttachment()
    {
        var (response, body) = await AdminExport.DownloadAsync(site, AdminExport.Json);

        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("gazette-export-2026-03-10.json", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        ExportSchema.AssertValid(body).Dispose();
    }

    [Theory]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Moderator)]
    [InlineData(Roles.Author)]
    public async Task StaffWhoAreNotAdministratorsAreRefused(string role)
    {
        using var administrator = await site.SignInAsAdministratorAsync();
        var form = await administrator.GetFormAsync("/admin/export", "form.export-form");
        using var staff = await site.SignInAsStaffAsync($"{role.ToLowerInvariant()}@example.com", role);

        using var page = await staff.Http.GetAsync("/admin/export", TestContext.Current.CancellationToken);
        using var download = await staff.Http.PostAsync("/admin/export",
            new FormUrlEncodedContent([.. form.Values, new("format", "json")]), TestContext.Current.CancellationToken);

        await staff.FollowAsync(page, expectedStatus: 403);
        Assert.Null(download.Content.Headers.ContentDisposition);
        await staff.FollowAsync(download, expectedStatus: 403);
    }

    [Fact]
    public async Task AReaderWhoIsNotSignedInIsSentToSignIn()
    {
        using var reader = site.CreateReader();

        using var response = await reader.GetAsync("/admin/export", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task ADownloadWithoutTheAntiforgeryTokenIsRefused()
    {
        using var administrator = await site.SignInAsAdministratorAsync();
        var form = (await administrator.GetFormAsync("/admin/export", "form.export-form")).Without("__RequestVerificationToken");

        using var response = await form.PressAsync(AdminExport.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnknownFormatIsToldOnThePage()
    {
        using var administrator = await site.SignInAsAdministratorAsync();
        var form = await administrator.GetFormAsync("/admin/export", "form.export-form");

        using var response = await administrator.Http.PostAsync("/admin/export",
            new FormUrlEncodedContent([.. form.Values, new("format", "csv")]), TestContext.Current.CancellationToken);
        var page = await administrator.ReadPageAsync(response, 400);

        Assert.Equal("Choose JSON or WordPress.", page.QuerySelector("[role=alert]")?.TextContent.Trim());
    }
}
