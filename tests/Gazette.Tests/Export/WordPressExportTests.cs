using System.Xml;
using Gazette.Infrastructure;
using Gazette.Tests.Discovery;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Export;

/// <summary>
/// <c>export wordpress</c> through /admin/export: a well-formed WXR 1.2 file that the project's own WordPress reader reads
/// back to the same articles and comments, field by field (issue 13: export, then import, gives the same site).
/// </summary>
public sealed class WordPressExportTests
{
    [Fact]
    public async Task TheDemoSiteReadsBackWithWxrReaderToTheSameArticlesAndComments()
    {
        await using var site = new GazetteFactory();

        var (response, body) = await AdminExport.DownloadAsync(site, AdminExport.WordPress);

        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^gazette-wordpress-2026-03-10\.xml$", response.Content.Headers.ContentDisposition?.FileNameStar);
        var expected = await site.WithDbAsync(db => SiteSnapshot.OfSiteAsync(db));
        Assert.NotEmpty(expected.Comments);
        SiteSnapshot.AssertSame(expected, SiteSnapshot.OfWordPressExport(new MemoryStream(body), Zone(site)));
    }

    [Fact]
    public async Task ASiteFullOfHostileTextExportsWellFormedXmlThatReadsBackTheSame()
    {
        await using var site = new HostileSite();
        await site.SeedAsync();

        var (_, body) = await AdminExport.DownloadAsync(site, AdminExport.WordPress);

        // Strict .NET parsing, every character checked: no forbidden character went into the file, raw or as a reference.
        using (var strict = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit }))
        {
            while (strict.Read())
            {
            }
        }
        var expected = await site.WithDbAsync(db => SiteSnapshot.OfSiteAsync(db));
        SiteSnapshot.AssertSame(expected.AsXmlCarriesIt(), SiteSnapshot.OfWordPressExport(new MemoryStream(body), Zone(site)));
        var carriageReturns = expected.Comments.Single(c => c.Body.StartsWith("carriage", StringComparison.Ordinal));
        Assert.Equal("carriage\r\nreturns\rand\nnewlines\r", carriageReturns.Body);
    }

    [Fact]
    public async Task StandalonePagesAreWordPressPagesThatReadBackTheSame()
    {
        await using var site = new EmptyGazetteFactory();
        await StandalonePages.SeedAsync(site);

        var (_, body) = await AdminExport.DownloadAsync(site, AdminExport.WordPress);

        var expected = await site.WithDbAsync(db => SiteSnapshot.OfSiteAsync(db));
        Assert.Equal(5, expected.Pages.Count);
        SiteSnapshot.AssertSame(expected.AsXmlCarriesIt(), SiteSnapshot.OfWordPressExport(new MemoryStream(body), Zone(site)));
        Assert.Contains("<link>http://localhost/pages/about</link>", System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task XmllintFindsTheExportOfAHostileSiteWellFormed()
    {
        var xmllint = ExternalTools.OnPath("xmllint");
        ExternalTools.Require(xmllint is not null, "xmllint is not installed (apt-get install libxml2-utils).");
        await using var site = new HostileSite();
        await site.SeedAsync();
        var (_, body) = await AdminExport.DownloadAsync(site, AdminExport.WordPress);
        var file = Path.Combine(site.DataFolder, "export.xml");
        await File.WriteAllBytesAsync(file, body, TestContext.Current.CancellationToken);

        var run = await ExternalTools.RunAsync(xmllint!, ["--noout", "--huge", file], TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Error);
    }

    private static TimeZoneInfo Zone(GazetteFactory site) => site.Services.GetRequiredService<IOptionsMonitor<SiteOptions>>().CurrentValue.Zone;
}
