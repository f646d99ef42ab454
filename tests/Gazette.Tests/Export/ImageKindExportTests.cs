using Gazette.Articles;
using Gazette.Core.Media;
using Gazette.Newsroom;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Export;

/// <summary>
/// Issue 16 made a PNG stay a PNG: its renditions are <c>{path}-{width}.png</c>. The kind must travel wherever the image
/// does (a JSON export and import, a revision brought back), or the page asks for <c>.jpg</c> files that do not exist.
/// </summary>
public sealed class ImageKindExportTests
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    private static FeaturedImage Png() => new() { Path = "uploads/0123456789abcdef0123456789abcdef", Alt = "A diagram", Width = 1600, Height = 900, Kind = ImageKind.Png };

    [Fact]
    public async Task APngFeaturedImageAndItsRevisionStayPngThroughAJsonRoundTrip()
    {
        await using var source = new EmptyGazetteFactory();
        await source.WithDbAsync(async db =>
        {
            var article = Article("A diagram of the chip", GazetteFactory.Now.UtcDateTime.AddDays(-1), Author("Ana Lee"));
            article.Image = Png();
            db.Add(article);
            await db.SaveChangesAsync(Cancel);
            var revision = RevisionCopies.Of(article, new Staffer("", "Ana Lee", MayPublish: true, OwnAuthorId: null), "Saved", GazetteFactory.Now.UtcDateTime);
            revision.SavedByUserId = null;
            db.ArticleRevisions.Add(revision);
            await db.SaveChangesAsync(Cancel);
        });
        var first = await JsonRoundTripTests.ExportAsync(source);
        ExportSchema.AssertValid(first).Dispose();
        await using var target = new EmptyGazetteFactory();

        var report = await JsonRoundTripTests.ImportAsync(target, first);

        Assert.True(report.Failure is null, report.ToText());
        JsonRoundTripTests.AssertSameExport(first, await JsonRoundTripTests.ExportAsync(target));
        var page = await target.GetPageAsync("/articles/a-diagram-of-the-chip");
        Assert.EndsWith(".png", page.QuerySelector("article.story img[alt='A diagram']")!.GetAttribute("src"));
        var revision = await target.WithDbAsync(db => db.ArticleRevisions.SingleAsync(Cancel));
        Assert.Equal(ImageKind.Png, RevisionCopies.ContentOf(revision).Image!.Kind);
    }
}
