using Gazette.Export;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Scaling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Export;

/// <summary><c>export json|wordpress --to FILE</c> run as a separate process on a site's database (issue 13).</summary>
public sealed class ExportCommandTests
{
    [Fact]
    public async Task ExportJsonWritesTheDemoSiteAsAFileTheSchemaAccepts()
    {
        await using var site = new GazetteFactory();
        var articles = await site.WithDbAsync(db => Task.FromResult(db.Articles.Count()));
        var file = Path.Combine(site.DataFolder, "out", "site.json");

        var (exitCode, output, error) = await GazetteInstance.RunCommandAsync(SettingsOf(site), "export", "json", "--to", file);

        Assert.True(exitCode == 0, error);
        Assert.StartsWith($"Exported {articles} articles and ", output.Split('\n').Single(line => line.StartsWith("Exported ", StringComparison.Ordinal)));
        Assert.False(File.Exists(file + ".partial"));
        using var document = ExportSchema.AssertValid(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        Assert.Equal(articles, document.RootElement.GetProperty("articles").GetArrayLength());
    }

    [Fact]
    public async Task ExportWordPressWritesAFileThatReadsBackToTheSameSite()
    {
        await using var site = new GazetteFactory();
        var expected = await site.WithDbAsync(db => SiteSnapshot.OfSiteAsync(db));
        var file = Path.Combine(site.DataFolder, "site.xml");

        var (exitCode, output, error) = await GazetteInstance.RunCommandAsync(
            new Dictionary<string, string?>(SettingsOf(site)) { ["Site:BaseUrl"] = "https://news.example.org" }, "export", "wordpress", "--to", file);

        Assert.True(exitCode == 0, error);
        Assert.Contains("as a WordPress export (WXR 1.2)", output);
        await using var wxr = File.OpenRead(file);
        SiteSnapshot.AssertSame(expected, SiteSnapshot.OfWordPressExport(wxr, site.Services.GetRequiredService<IOptionsMonitor<SiteOptions>>().CurrentValue.Zone));
        Assert.Contains("<link>https://news.example.org/articles/", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(new[] { "export" }, "export: Usage: export json|wordpress --to FILE")]
    [InlineData(new[] { "export", "csv", "--to", "x" }, "export: there is no export \"csv\". Usage: export json|wordpress --to FILE")]
    [InlineData(new[] { "export", "json" }, "export: --to is required. Usage: export json|wordpress --to FILE")]
    [InlineData(new[] { "export", "json", "--into", "x" }, "export: unknown option \"--into\". Usage: export json|wordpress --to FILE")]
    public async Task BadUsageIsToldInOneLine(string[] arguments, string message)
    {
        var folder = Directory.CreateTempSubdirectory("gazette-export-").FullName;
        try
        {
            var (exitCode, _, error) = await GazetteInstance.RunCommandAsync(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder }, arguments);

            Assert.Equal(ExportCommand.BadInput, exitCode);
            Assert.Equal(message, error.Trim());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The site's data folder and database, for a process of its own.</summary>
    private static Dictionary<string, string?> SettingsOf(GazetteFactory site)
    {
        _ = site.Services; // started: the database exists, with the demo in it
        var settings = new Dictionary<string, string?> { ["Storage:DataFolder"] = site.DataFolder };
        foreach (var (key, value) in TestDatabase.SettingsFor(site.DataFolder))
        {
            settings[key] = value;
        }
        return settings;
    }
}
