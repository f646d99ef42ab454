using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Export;

/// <summary>Issue 16's publishing records go through a JSON export and import: bylines in order, corrections and updates, the time an article went to the trash.</summary>
public sealed class PublishingExportTests
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task BylinesNotesAndTheTrashTimeSurviveAJsonRoundTrip()
    {
        await using var source = new EmptyGazetteFactory();
        await source.WithDbAsync(async db =>
        {
            var (ana, sam) = (Author("Ana Lee"), Author("Sam Cho"));
            var article = Article("Two names and a correction", GazetteFactory.Now.UtcDateTime.AddDays(-1), ana);
            var binned = Article("Binned story", GazetteFactory.Now.UtcDateTime.AddDays(-2), sam);
            db.AddRange(article, binned);
            await db.SaveChangesAsync(Cancel);
            article.Bylines.AddRange([new ArticleByline { Position = 0, AuthorId = ana.Id }, new ArticleByline { Position = 1, AuthorId = sam.Id }]);
            article.Notes.Add(new ArticleNote { Kind = ArticleNoteKind.Correction, Text = "A name was misspelt.", At = GazetteFactory.Now.UtcDateTime.AddHours(-3) });
            (binned.TrashedFrom, binned.Status, binned.TrashedAt) = (ArticleStatus.Published, ArticleStatus.Trashed, GazetteFactory.Now.UtcDateTime.AddHours(-1));
            await db.SaveChangesAsync(Cancel);
        });
        var first = await JsonRoundTripTests.ExportAsync(source);
        ExportSchema.AssertValid(first).Dispose();
        await using var target = new EmptyGazetteFactory();

        var report = await JsonRoundTripTests.ImportAsync(target, first);

        Assert.True(report.Failure is null, report.ToText());
        JsonRoundTripTests.AssertSameExport(first, await JsonRoundTripTests.ExportAsync(target));
        var page = await target.GetPageAsync("/articles/two-names-and-a-correction");
        Assert.Equal(["Ana Lee", "Sam Cho"], page.QuerySelectorAll(".byline a[rel=author]").Select(a => a.TextContent));
        Assert.Contains("A name was misspelt.", page.QuerySelector(".story-notes")!.TextContent);
        Assert.Equal((DateTime?)GazetteFactory.Now.UtcDateTime.AddHours(-1),
            await target.WithDbAsync(db => db.Articles.Where(a => a.Slug == "binned-story").Select(a => a.TrashedAt).SingleAsync(Cancel)));
        await target.GetPageAsync("/articles/binned-story", 410);
    }
}
