using Gazette.Articles;
using Gazette.Comments;
using Gazette.Core.Text;
using Gazette.Import;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Export;

/// <summary>
/// Issue 13: a site exported for WordPress and imported into an empty Gazette comes back the same, field by field, for
/// everything a WordPress export can carry (docs/export.md lists what it cannot).
/// </summary>
public sealed class WordPressRoundTripTests
{
    [Fact]
    public async Task AHostileSiteExportedForWordPressAndImportedIntoAnEmptyGazetteIsTheSameSite()
    {
        await using var source = new HostileSite();
        await source.SeedAsync();
        await StandalonePages.SeedAsync(source);
        await SiteMadeByTheNewsroom.RenderAsync(source);
        var (_, wxr) = await AdminExport.DownloadAsync(source, AdminExport.WordPress);
        var expected = WhatWordPressCarries(await source.WithDbAsync(db => SiteSnapshot.OfSiteAsync(db)));
        await using var target = new EmptyGazetteFactory();

        var report = new ImportReport("WordPress", dryRun: false);
        await new ImportRequest(ImportKind.WordPress).RunAsync(target.Services, new MemoryStream(wxr), report, TestContext.Current.CancellationToken);

        Assert.True(report.Failure is null, report.ToText());
        SiteSnapshot.AssertSame(expected, await target.WithDbAsync(db => SiteSnapshot.OfSiteAsync(db, bySource: true, withoutPlaceholders: true)));
        // A reply to a comment in the trash is kept under a placeholder, as for a WordPress site (issue 13); its key is the trashed comment's.
        var trashedParents = expected.Comments.Where(c => c.Status == CommentStatus.Trashed && expected.Comments.Any(r => r.ParentKey == c.Key)).Select(c => c.Key);
        Assert.Equal(trashedParents, await target.WithDbAsync(db => db.Comments.Where(c => c.Source == ImportSources.WordPressPlaceholder)
            .Select(c => c.SourceId!).ToListAsync(TestContext.Current.CancellationToken)) is var placeholders
            ? placeholders.Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).Order() : []);
    }

    /// <summary>The site as a WordPress export carries it: its text as XML 1.0 can hold it, and what WordPress has no word for as it comes back.</summary>
    private static SiteSnapshot WhatWordPressCarries(SiteSnapshot site)
    {
        var carried = site.AsXmlCarriesIt();
        return carried with
        {
            Articles = carried.Articles.Select(a => a with
            {
                // WordPress's "pending" (for review) comes in as a draft (issue 13).
                Status = a.Status == ArticleStatus.Submitted ? ArticleStatus.Draft : a.Status,
                // Rendered again from the Markdown that came back.
                BodyHtml = ArticleMarkdown.ToHtml(a.BodyMarkdown),
                // Old slugs come back as the old site's addresses (/{slug}/), not as /articles/{slug} (docs/export.md).
                OldSlugs = "",
                // A featured image is a URL in the file: it comes back with --uploads, a copy of the media (docs/export.md).
                ImageAlt = null,
            }).ToList(),
            // Names are trimmed, and no name is "Anonymous", as for any imported comment.
            Comments = carried.Comments.Select(c => c with { Name = c.Name.Trim() is { Length: > 0 } name ? name : ImportedComments.Anonymous }).ToList(),
            Pages = carried.Pages.Select(p => p with { BodyHtml = ArticleMarkdown.ToHtml(p.BodyMarkdown) }).ToList(),
        };
    }
}
