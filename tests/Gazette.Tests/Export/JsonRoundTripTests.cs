using System.Text.Json;
using AngleSharp.Html.Parser;
using Gazette.Comments;
using Gazette.Export;
using Gazette.Import;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Export;

/// <summary>
/// Issue 13, "Lossless export": a rich site exported as JSON and imported into an empty Gazette gives the same site.
/// Exported again, it gives the same file, field by field (the time of the export aside), and its public pages read the same.
/// </summary>
public sealed class JsonRoundTripTests
{
    [Fact]
    public async Task ARichSiteExportedAsJsonAndImportedIntoAnEmptyGazetteExportsTheSameAndReadsTheSame()
    {
        await using var source = new GazetteFactory();
        var slug = await RichSite.SeedAsync(source);
        var first = await ExportAsync(source);
        ExportSchema.AssertValid(first).Dispose();
        await using var target = new EmptyGazetteFactory();

        var report = await ImportAsync(target, first);

        Assert.True(report.Failure is null, report.ToText());
        Assert.Empty(report.Skipped.Listed);
        var second = await ExportAsync(target);
        AssertSameExport(first, second);
        Assert.Equal(await PublicPageAsync(source, $"/articles/{slug}"), await PublicPageAsync(target, $"/articles/{slug}"));
        var thread = await source.WithDbAsync(db => db.Comments.Where(c => db.Articles.Any(a => a.Id == c.ArticleId && a.Slug == slug) && c.Depth == 0 && c.Status == CommentStatus.Approved)
            .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken));
        Assert.Equal(await PublicPageAsync(source, $"/comments/{thread}/thread"), await PublicPageAsync(target, $"/comments/{thread}/thread"));
    }

    [Fact]
    public async Task TheSameFileTwiceIsRefusedTheSecondTimeAndChangesNothing()
    {
        await using var source = new GazetteFactory();
        await HostileSite.SeedAsync(source);
        var file = await ExportAsync(source);
        await using var target = new EmptyGazetteFactory();
        Assert.Null((await ImportAsync(target, file)).Failure);
        var before = await ExportAsync(target);

        var again = await ImportAsync(target, file);

        Assert.StartsWith("This site already has content (", again.Failure);
        Assert.Contains("a Gazette export is restored into an empty Gazette only", again.Failure);
        AssertSameExport(before, await ExportAsync(target));
    }

    [Fact]
    public async Task ASiteWithTheDemoTakesTheExportInPlaceOfTheDemo()
    {
        await using var source = new EmptyGazetteFactory();
        await StandalonePages.SeedAsync(source);
        var file = await ExportAsync(source);
        await using var target = new GazetteFactory();

        var report = await ImportAsync(target, file);

        Assert.True(report.Failure is null, report.ToText());
        Assert.Contains(report.Warnings.Listed, w => w.Reason.StartsWith("The demo content was removed first", StringComparison.Ordinal));
        Assert.Equal(0, await target.WithDbAsync(db => db.Articles.CountAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(5, await target.WithDbAsync(db => db.SitePages.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task ADryRunCountsTheRecordsAndWritesNothing()
    {
        await using var source = new GazetteFactory();
        var file = await ExportAsync(source);
        var comments = await source.WithDbAsync(db => db.Comments.CountAsync(TestContext.Current.CancellationToken));
        await using var target = new EmptyGazetteFactory();

        var report = await ImportAsync(target, file, dryRun: true);

        Assert.Null(report.Failure);
        Assert.Equal(comments, report.Added["comment"]);
        Assert.Equal(0, await target.WithDbAsync(db => db.Comments.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task AfterTheImportNewRecordsTakeIdsPastTheImportedOnes()
    {
        await using var source = new GazetteFactory();
        await StandalonePages.SeedAsync(source);
        var file = await ExportAsync(source);
        await using var target = new EmptyGazetteFactory();
        Assert.Null((await ImportAsync(target, file)).Failure);
        var cancellation = TestContext.Current.CancellationToken;
        var (articles, comments, pages) = await target.WithDbAsync(async db => (
            await db.Articles.MaxAsync(a => a.Id, cancellation), await db.Comments.MaxAsync(c => c.Id, cancellation), await db.SitePages.MaxAsync(p => p.Id, cancellation)));

        var (article, comment, page) = await target.WithDbAsync(async db =>
        {
            var author = await db.Authors.FirstAsync(cancellation);
            var article = new Gazette.Articles.Article { Slug = "after-the-move", Title = "After the move", AuthorId = author.Id, PublishedAt = GazetteFactory.Now.UtcDateTime };
            db.Articles.Add(article);
            var page = new Gazette.SitePages.SitePage { Slug = "after", Title = "After" };
            db.SitePages.Add(page);
            await db.SaveChangesAsync(cancellation);
            var comment = new Comment { ArticleId = article.Id, AuthorName = "New reader", CreatedAt = GazetteFactory.Now.UtcDateTime };
            CommentLifecycle.Place(comment, null);
            CommentLifecycle.SetBody(comment, "First after the move");
            db.Comments.Add(comment);
            await db.SaveChangesAsync(cancellation);
            return (article.Id, comment.Id, page.Id);
        });

        Assert.True(article > articles && comment > comments && page > pages, $"{(article, comment, page)} after {(articles, comments, pages)}");
    }

    [Fact]
    public async Task AnAccountAlreadyOnTheNewSiteIsTheOneTheFileNamesAndKeepsItsPassword()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var source = new GazetteFactory();
        var old = await source.EnsureUserAsync("moderator@example.org", "The moderator", Gazette.Accounts.Roles.Moderator);
        var commentId = await source.WithDbAsync(async db =>
        {
            var comment = await db.Comments.OrderBy(c => c.Id).FirstAsync(cancellation);
            db.CommentVotes.Add(new CommentVote { CommentId = comment.Id, VoterKey = $"u:{old.Id}", Value = 1, CastAt = GazetteFactory.Now.UtcDateTime });
            db.Bans.Add(new Ban { Kind = BanKind.Email, Value = "spam@example.org", CreatedById = old.Id, CreatedByName = "The moderator", CreatedAt = GazetteFactory.Now.UtcDateTime });
            await db.SaveChangesAsync(cancellation);
            return comment.Id;
        });
        var file = await ExportAsync(source);
        await using var target = new EmptyGazetteFactory();
        var here = await target.EnsureUserAsync("Moderator@Example.org", "Set up here");
        var hash = await target.WithDbAsync(db => db.Users.Where(u => u.Id == here.Id).Select(u => u.PasswordHash).SingleAsync(cancellation));

        var report = await ImportAsync(target, file);

        Assert.True(report.Failure is null, report.ToText());
        Assert.Contains(report.Warnings.Listed, w => w.Kind == "account" && w.SourceId == old.Id);
        var (voter, banner, passwordHash, roles) = await target.WithDbAsync(async db => (
            await db.CommentVotes.Where(v => v.CommentId == commentId).Select(v => v.VoterKey).SingleAsync(cancellation),
            await db.Bans.Select(b => b.CreatedById).SingleAsync(cancellation),
            await db.Users.Where(u => u.Id == here.Id).Select(u => u.PasswordHash).SingleAsync(cancellation),
            await db.UserRoles.Where(r => r.UserId == here.Id).Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).ToListAsync(cancellation)));
        Assert.Equal($"u:{here.Id}", voter);
        Assert.Equal(here.Id, banner);
        Assert.Equal(hash, passwordHash);
        Assert.Equal([Gazette.Accounts.Roles.Moderator], roles);
        Assert.False(await target.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == old.Id, cancellation)));
    }

    [Fact]
    public async Task AnAdministratorRestoresAJsonExportAtAdminImport()
    {
        await using var source = new GazetteFactory();
        var file = await ExportAsync(source);
        var articles = await source.WithDbAsync(db => db.Articles.CountAsync(TestContext.Current.CancellationToken));
        await using var target = new Gazette.Tests.Import.ImportSite();
        using var admin = await target.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync("/admin/import", "main form.import-form");
        form.Set("Kind", "json").Attach("file", file, "site.json", "application/json").Check("DryRun", false);

        using var response = await form.SubmitAsync();

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        AngleSharp.Dom.IDocument? page = null;
        await Gazette.Tests.Scaling.RedisSite.EventuallyAsync(async () =>
        {
            page = await admin.GetPageAsync("/admin/import");
            return page.QuerySelector(".import-report") is not null;
        }, "the import ends and the page shows its report", seconds: 120);
        Assert.Contains("Gazette JSON import: added", page!.QuerySelector(".import-report")!.TextContent);
        Assert.Equal(articles, await target.WithDbAsync(db => db.Articles.CountAsync(TestContext.Current.CancellationToken)));
    }

    /// <summary>
    /// The site's export, once its notifications round has dealt with what the seed posted: a round that ran between
    /// two exports, or between an export and a reading of the rows, moved their marks (a race a loaded machine lost).
    /// </summary>
    internal static async Task<byte[]> ExportAsync(GazetteFactory site)
    {
        await site.Services.GetRequiredService<Gazette.Notifications.NotificationService>().RunOnceAsync(TestContext.Current.CancellationToken);
        using var scope = site.Services.CreateScope();
        using var output = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<SiteExport>().WriteAsync(ExportFormat.Json, output, "http://localhost", TestContext.Current.CancellationToken);
        return output.ToArray();
    }

    internal static async Task<ImportReport> ImportAsync(GazetteFactory site, byte[] file, bool dryRun = false)
    {
        var report = new ImportReport("Gazette JSON", dryRun);
        await new ImportRequest(ImportKind.Json, dryRun).RunAsync(site.Services, new MemoryStream(file), report, TestContext.Current.CancellationToken);
        return report;
    }

    /// <summary>Both exports hold the same records, field by field; the first difference is named by its path.</summary>
    internal static void AssertSameExport(byte[] expected, byte[] actual)
    {
        using var want = JsonDocument.Parse(expected);
        using var got = JsonDocument.Parse(actual);
        var differences = new List<string>();
        Compare(want.RootElement, got.RootElement, "", differences);
        Assert.True(differences.Count == 0, $"{differences.Count} differences, the first ones:\n" + string.Join("\n", differences.Take(15)));
    }

    private static void Compare(JsonElement want, JsonElement got, string path, List<string> differences)
    {
        if (path == "/exportedAt" || differences.Count > 200)
        {
            return;
        }
        if (want.ValueKind != got.ValueKind)
        {
            differences.Add($"{path}: expected {Short(want)}, actual {Short(got)}");
            return;
        }
        switch (want.ValueKind)
        {
            case JsonValueKind.Object:
                var names = want.EnumerateObject().Select(p => p.Name).Union(got.EnumerateObject().Select(p => p.Name));
                foreach (var name in names)
                {
                    var inWant = want.TryGetProperty(name, out var w);
                    var inGot = got.TryGetProperty(name, out var g);
                    if (inWant != inGot)
                    {
                        differences.Add($"{path}/{name}: {(inWant ? "missing" : "not expected")}");
                    }
                    else
                    {
                        Compare(w, g, $"{path}/{name}", differences);
                    }
                }
                break;
            case JsonValueKind.Array:
                if (want.GetArrayLength() != got.GetArrayLength())
                {
                    differences.Add($"{path}: {want.GetArrayLength()} items expected, {got.GetArrayLength()} actual");
                }
                foreach (var (w, i) in want.EnumerateArray().Zip(got.EnumerateArray()).Select((pair, i) => (pair, i)))
                {
                    Compare(w.First, w.Second, $"{path}/{i}", differences);
                }
                break;
            default:
                if (want.GetRawText() != got.GetRawText())
                {
                    differences.Add($"{path}: expected {Short(want)}, actual {Short(got)}");
                }
                break;
        }
    }

    private static string Short(JsonElement element) => element.GetRawText() is var text && text.Length > 200 ? text[..200] + "…" : element.GetRawText();

    /// <summary>The page's main content as a reader gets it, without the per-site antiforgery tokens.</summary>
    private static async Task<string> PublicPageAsync(GazetteFactory site, string path)
    {
        using var reader = site.CreateReader();
        using var response = await reader.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        foreach (var token in document.QuerySelectorAll("input[name=__RequestVerificationToken]"))
        {
            token.Remove();
        }
        var main = document.QuerySelector("main");
        Assert.NotNull(main);
        return main.OuterHtml;
    }
}
