using Gazette.Import;
using Gazette.Tests.Export;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Import;

/// <summary><c>import json FILE [--dry-run]</c>: a Gazette export restored from the command line (issue 13).</summary>
public sealed class JsonImportCommandTests
{
    [Fact]
    public async Task ImportJsonRestoresAnExportAndEndsWithTheReport()
    {
        await using var source = new GazetteFactory();
        await StandalonePages.SeedAsync(source);
        var file = Path.Combine(source.DataFolder, "site.json");
        await File.WriteAllBytesAsync(file, await JsonRoundTripTests.ExportAsync(source), TestContext.Current.CancellationToken);
        var articles = await source.WithDbAsync(db => db.Articles.CountAsync(TestContext.Current.CancellationToken));
        await using var target = new ImportSite();

        var (exit, report, _) = await target.ImportAsync("json", file);

        Assert.True(exit == 0, report);
        Assert.StartsWith("Gazette JSON import: added", report);
        Assert.Equal(articles, await target.WithDbAsync(db => db.Articles.CountAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(5, await target.WithDbAsync(db => db.SitePages.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task AFileThatIsNotAGazetteExportIsRefusedWithWhatIsWrongAndNothingWritten()
    {
        await using var target = new ImportSite();

        var (exit, report, _) = await target.ImportAsync("json", ImportSite.WordPressExport);

        Assert.Equal(1, exit);
        Assert.Contains("The file is not valid JSON near byte 0", report);
        Assert.Contains("Nothing was imported.", report);
        Assert.Equal(0, await target.WithDbAsync(db => db.Articles.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task OptionsOfTheOtherImportsAreRefused()
    {
        await using var target = new ImportSite();

        var (exit, _, errors) = await target.ImportAsync("json", ImportSite.WordPressExport, "--old-base-url", "https://old.example");

        Assert.Equal(ImportCommand.BadInput, exit);
        Assert.StartsWith("import: unknown option \"--old-base-url\".", errors.Trim());
    }
}
