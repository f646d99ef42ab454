using Gazette.Tests.Infrastructure;
using Gazette.Tests.Scaling;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Import;

/// <summary>/admin/import: an administrator uploads an export; the page shows its progress, then the report (issue 13).</summary>
public sealed class ImportPageTests : IAsyncLifetime
{
    private readonly ImportSite site = new();
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task AnAdministratorImportsAWordPressExportAndReadsTheReport()
    {
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync("/admin/import", "main form.import-form");
        form.Attach("file", await File.ReadAllBytesAsync(ImportSite.WordPressExport, Cancel), "export.xml", "application/xml").Check("DryRun", false);

        using var response = await form.SubmitAsync();

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        AngleSharp.Dom.IDocument? page = null;
        await RedisSite.EventuallyAsync(async () =>
        {
            page = await admin.GetPageAsync("/admin/import");
            return page.QuerySelector(".import-report") is not null;
        }, "the import ends and the page shows its report", seconds: 120);
        Assert.Contains("WordPress import: added", page!.QuerySelector(".import-report")!.TextContent);
        Assert.Equal("Done.", page.QuerySelector(".import-done")?.TextContent);
        Assert.Equal(6, await site.WithDbAsync(db => db.Articles.CountAsync(Cancel)));
    }

    [Fact]
    public async Task WithoutAFileTheFormSaysWhatIsMissing()
    {
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync("/admin/import", "main form.import-form");

        var page = await admin.ReadPageAsync(await form.SubmitAsync());

        Assert.Contains("Choose the export file to import", page.QuerySelector(".form-errors")?.TextContent);
    }

    [Fact]
    public async Task ReadersAndAuthorsCannotOpenIt()
    {
        using var author = await site.SignInAsAuthorAsync();

        using var response = await author.Http.GetAsync("/admin/import", Cancel);

        Assert.NotEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
