using System.Net;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Core.Import.WordPress;
using Gazette.Import;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Import;

/// <summary>
/// <c>import wordpress</c> on the export Debian's WordPress made (tests/fixtures-wordpress/make-export.sh) and on the
/// theme unit test data, over the real database: every comment kept as it was, counts right, old addresses kept (issue 13).
/// </summary>
public sealed class WordPressImportTests : IAsyncLifetime
{
    private readonly ImportSite site = new();
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => site.DisposeAsync();

    private static List<WxrRecord> Records(string path)
    {
        using var file = File.OpenRead(path);
        return WxrReader.Read(file).ToList();
    }

    private sealed record Counts(int Articles, int Comments, int Authors, int Users, int Categories, int Tags, int OldAddresses);

    private Task<Counts> CountAsync() => site.WithDbAsync(async db => new Counts(
        await db.Articles.CountAsync(Cancel), await db.Comments.CountAsync(Cancel), await db.Authors.CountAsync(Cancel),
        await db.Users.CountAsync(Cancel), await db.Categories.CountAsync(Cancel), await db.Tags.CountAsync(Cancel),
        await db.OldAddresses.CountAsync(Cancel)));

    [Fact]
    public async Task EveryCommentOfTheExportIsKeptWithItsStatusParentAndName()
    {
        var (exit, report, _) = await site.ImportAsync("wordpress", ImportSite.WordPressExport);

        Assert.Equal(0, exit);
        var records = Records(ImportSite.WordPressExport);
        var imported = records.OfType<WxrItem>().Where(i => i.PostType == "post" && i.Status != "trash").Select(i => i.PostId).ToHashSet();
        var expected = records.OfType<WxrComment>().Where(c => imported.Contains(c.PostId)).ToList();
        var stored = await site.WithDbAsync(db => db.Comments.AsNoTracking().ToListAsync(Cancel));
        var bySource = stored.Where(c => c.Source == ImportSources.WordPress).ToDictionary(c => c.SourceId!);
        Assert.Equal(expected.Select(c => c.Id.ToString()).Order(), bySource.Keys.Order());
        var trashed = expected.Where(c => c.Approved == "trash").Select(c => c.Id.ToString()).ToHashSet();
        foreach (var comment in expected)
        {
            var row = bySource[comment.Id.ToString()];
            Assert.Equal((int)comment.Id, row.Id);
            Assert.Equal(comment.Content, row.Body);
            Assert.Equal(string.IsNullOrWhiteSpace(comment.Author) ? "Anonymous" : comment.Author.Trim(), row.AuthorName);
            Assert.Equal(comment.Approved switch
            {
                "1" => CommentStatus.Approved,
                "0" => CommentStatus.Pending,
                "spam" => CommentStatus.Spam,
                _ => CommentStatus.Trashed,
            }, row.Status);
            Assert.Equal(comment.DateGmt, row.CreatedAt);
            Assert.Equal(string.IsNullOrWhiteSpace(comment.AuthorUrl) ? null : comment.AuthorUrl, row.AuthorUrl);
            Assert.Equal(comment.Type switch { "pingback" => CommentKind.Pingback, "trackback" => CommentKind.Trackback, _ => CommentKind.Comment }, row.Kind);
            var parent = row.ParentId is { } parentId ? stored.Single(c => c.Id == parentId) : null;
            if (comment.ParentId == 0)
            {
                Assert.Null(parent);
            }
            else if (trashed.Contains(comment.ParentId.ToString()) || !bySource.ContainsKey(comment.ParentId.ToString()))
            {
                // Its parent is in the trash or missing: it keeps its place under a placeholder.
                Assert.Equal(ImportSources.WordPressPlaceholder, parent!.Source);
                Assert.Equal(comment.ParentId.ToString(), parent.SourceId);
                Assert.Equal(CommentStatus.Deleted, parent.Status);
            }
            else
            {
                Assert.Equal(comment.ParentId.ToString(), parent!.SourceId);
                Assert.Equal(parent.Depth + 1, row.Depth);
                Assert.Equal(parent.RootId ?? parent.Id, row.RootId);
            }
        }
        // Issue 13: pingbacks and trackbacks are kept as a kind of their own, and listed.
        Assert.Contains("pingback approved: 1", report);
        Assert.Contains("trackback approved: 1", report);
        Assert.Equal([CommentKind.Pingback, CommentKind.Trackback], expected.Where(c => c.IsPing).Select(c => bySource[c.Id.ToString()].Kind));
        Assert.Contains("post 13: \"A story we pulled\" is in the trash.", report);
    }

    [Fact]
    public async Task APingShowsWhereItCameFromAndSkipPingsLeavesThemOutListed()
    {
        var (_, report, _) = await site.ImportAsync("wordpress", ImportSite.WordPressExport);

        var page = await site.GetPageAsync("/articles/lumara-fold-2-a-year-later");
        var source = page.QuerySelector("#comment-12 .comment-source");
        Assert.Equal("Pingback from techblog.example/fold-roundup", source?.TextContent);
        Assert.Equal("https://techblog.example/fold-roundup", source!.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("nofollow ugc noopener", source.QuerySelector("a")!.GetAttribute("rel"));

        await using var other = new ImportSite();
        var (_, skipped, _) = await other.ImportAsync("wordpress", ImportSite.WordPressExport, "--skip-pings");
        Assert.Contains("pingback 12: A pingback from https://techblog.example/fold-roundup: not imported (--skip-pings).", skipped);
        Assert.Contains("trackback 13:", skipped);
        Assert.Equal(0, await other.WithDbAsync(db => db.Comments.CountAsync(c => c.Kind != CommentKind.Comment, Cancel)));
    }

    [Fact]
    public async Task ArticlesShowTheirCommentsWithTheirWordPressIdsAndRightCounts()
    {
        await site.ImportAsync("wordpress", ImportSite.WordPressExport);

        var articles = await site.WithDbAsync(db => db.Articles.AsNoTracking()
            .Select(a => new { a.Slug, a.Status, a.CommentCount, Approved = db.Comments.Count(c => c.ArticleId == a.Id && c.Status == CommentStatus.Approved) })
            .ToListAsync(Cancel));
        Assert.All(articles, a => Assert.Equal(a.Approved, a.CommentCount));
        var page = await site.GetPageAsync("/articles/lumara-fold-2-a-year-later");
        var approved = await site.WithDbAsync(db => db.Comments.Where(c => c.Status == CommentStatus.Approved && c.Source == ImportSources.WordPress)
            .Join(db.Articles.Where(a => a.Slug == "lumara-fold-2-a-year-later"), c => c.ArticleId, a => a.Id, (c, _) => c.SourceId!).ToListAsync(Cancel));
        Assert.NotEmpty(approved);
        Assert.All(approved, id => Assert.NotNull(page.GetElementById($"comment-{id}")));
        Assert.Equal("The Lumara Fold 2 after a year in a pocket", page.QuerySelector("h1")?.TextContent.Trim());
        // A script in a comment is text, never markup.
        Assert.Empty(page.QuerySelectorAll("#comments script"));
        // Search finds the imported article.
        var search = await site.GetPageAsync("/search?q=Lumara");
        Assert.Contains("/articles/lumara-fold-2-a-year-later", search.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task ACommentOfTheLastMinutesIsStillSeenWhenPostedAgainWhileOldOnesKeepNoFingerprints()
    {
        // Anna's comment dated five minutes ago, as if the old site took it just before the move; the others are years old.
        var text = await File.ReadAllTextAsync(ImportSite.WordPressExport, Cancel);
        var recent = DateTime.UtcNow.AddMinutes(-5);
        text = text
            .Replace("<![CDATA[2021-03-02 10:01:12]]>", $"<![CDATA[{recent.AddHours(1):yyyy-MM-dd HH:mm:ss}]]>")
            .Replace("<![CDATA[2021-03-02 09:01:12]]>", $"<![CDATA[{recent:yyyy-MM-dd HH:mm:ss}]]>");
        var file = Path.Combine(site.DataFolder, "recent.xml");
        await File.WriteAllTextAsync(file, text, Cancel);

        var (exit, _, _) = await site.ImportAsync("wordpress", file);

        Assert.Equal(0, exit);
        var stored = await site.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.Source == ImportSources.WordPress).ToListAsync(Cancel));
        var anna = Assert.Single(stored, c => c.SourceId == "2");
        Assert.NotNull(anna.EmailFingerprint);
        var old = stored.Where(c => c.CreatedAt < DateTime.UtcNow.AddHours(-1)).ToList();
        Assert.Contains(old, c => c.AuthorEmail is not null);
        Assert.All(old, c => Assert.Null(c.EmailFingerprint));
        Assert.All(old, c => Assert.Null(c.WriterFingerprint));
        // The duplicate rule meets the imported comment as it meets one posted here.
        var slug = await site.WithDbAsync(db => db.Articles.Where(a => a.Id == anna.ArticleId).Select(a => a.Slug).SingleAsync(Cancel));
        using var script = new ApiClient(site);
        using var again = await script.PostAsync($"/api/v1/articles/{slug}/comments",
            new { body = anna.Body, authorName = "Anna", authorEmail = "ANNA@example.org" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var oldOne = old.First(c => c.AuthorEmail is not null && c.Status == CommentStatus.Approved && c.ArticleId == anna.ArticleId);
        using var said = await script.PostAsync($"/api/v1/articles/{slug}/comments",
            new { body = oldOne.Body, authorName = "Someone", authorEmail = oldOne.AuthorEmail });
        Assert.Equal(HttpStatusCode.Created, said.StatusCode);
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceChangesNothing()
    {
        await site.ImportAsync("wordpress", ImportSite.WordPressExport);
        var first = await CountAsync();

        var (exit, report, _) = await site.ImportAsync("wordpress", ImportSite.WordPressExport);

        Assert.Equal(0, exit);
        Assert.Equal(first, await CountAsync());
        Assert.Contains("added\n  nothing", report.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task ADryRunWritesNothingAndReportsWhatTheImportWouldDo()
    {
        var empty = await CountAsync();

        var (exit, dryReport, _) = await site.ImportAsync("wordpress", ImportSite.WordPressExport, "--dry-run");

        Assert.Equal(0, exit);
        Assert.Equal(empty, await CountAsync());
        var (_, report, _) = await site.ImportAsync("wordpress", ImportSite.WordPressExport);
        static string Body(string text) => string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Skip(1).SkipLast(2));
        Assert.StartsWith("Dry run of the WordPress import: nothing was written.", dryReport);
        Assert.Equal(Body(report), Body(dryReport));
    }

    [Fact]
    public async Task OldAddressesAnswerWithAPermanentRedirectToTheNewOnes()
    {
        await site.ImportAsync("wordpress", ImportSite.WordPressExport);
        using var reader = site.CreateReader();

        foreach (var (old, target) in new[]
        {
            ("/2021/03/02/lumara-fold-2-a-year-later/", "/articles/lumara-fold-2-a-year-later"),
            ("/2021/03/02/lumara-fold-2-a-year-later/?utm_source=x", "/articles/lumara-fold-2-a-year-later"),
            // The slug WordPress kept as old (_wp_old_slug).
            ("/2021/03/02/lumara-fold-2-one-year/", "/articles/lumara-fold-2-a-year-later"),
            ("/?p=4", "/articles/lumara-fold-2-a-year-later"),
            ("/2021/03/02/lumara-fold-2-a-year-later/feed/", "/articles/lumara-fold-2-a-year-later/comments/feed"),
            ("/2021/03/02/lumara-fold-2-a-year-later/comment-page-2/", "/articles/lumara-fold-2-a-year-later"),
            ("/category/hardware/phones/foldables/", "/category/foldables"),
            ("/tag/durability/page/2/", "/tag/durability"),
            ("/2021/03/", "/archive/2021/3"),
            ("/feed/rss2/", "/feed"),
            ("/?feed=rss2", "/feed"),
            ("/comments/feed/rss2/", "/comments/feed"),
            // Pages: by their id, and a child page by its permalink under its parent.
            ("/?page_id=15", "/pages/about"),
            ("/about/", "/pages/about"),
            ("/about/comment-policy/", "/pages/comment-policy"),
            // A post's one-word permalink (/%postname%/).
            ("/lumara-fold-2-a-year-later/", "/articles/lumara-fold-2-a-year-later"),
        })
        {
            using var response = await reader.GetAsync(old, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{old} answered {(int)response.StatusCode}");
            Assert.Equal(target, response.Headers.Location?.OriginalString);
        }
        // Addresses Gazette has too are its own pages.
        foreach (var same in new[] { "/feed/", "/category/foldables/", "/tag/durability/feed/" })
        {
            using var response = await reader.GetAsync(same, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{same} answered {(int)response.StatusCode}");
        }
        using var unknown = await reader.GetAsync("/2021/03/02/never-was/", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        // A draft's old address leads nowhere while it is not public: the home page answers it, as any unknown query.
        using var draft = await reader.GetAsync("/?p=10", Cancel);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
    }

    [Fact]
    public async Task PagesBecomeStandalonePagesAtTheirOwnAddresses()
    {
        var (exit, report, _) = await site.ImportAsync("wordpress", ImportSite.WordPressExport);
        using var reader = site.CreateReader();

        using var about = await reader.GetAsync("/pages/about", Cancel);
        var html = await about.Content.ReadAsStringAsync(Cancel);
        var pages = await site.WithDbAsync(db => db.SitePages.AsNoTracking().OrderBy(p => p.Slug).Select(p => new { p.Slug, p.Title, p.SourceId }).ToListAsync(Cancel));

        Assert.Equal(0, exit);
        Assert.Equal(HttpStatusCode.OK, about.StatusCode);
        Assert.Contains("About us", html);
        Assert.Equal(["about:About us:15", "comment-policy:Comment policy:16"], pages.Select(p => $"{p.Slug}:{p.Title}:{p.SourceId}"));
        Assert.Contains("page", report);
        var again = await site.ImportAsync("wordpress", ImportSite.WordPressExport);
        Assert.Equal(0, again.Exit);
        Assert.Equal(2, await site.WithDbAsync(db => db.SitePages.CountAsync(Cancel)));
    }

    [Fact]
    public async Task TheUploadsFolderBringsTheImagesInAndRewritesTheirAddresses()
    {
        var (exit, report, _) = await site.ImportAsync("wordpress", ImportSite.WordPressExport, "--uploads", ImportSite.Uploads);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("Media left at their old address", report);
        var article = await site.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Slug == "lumara-fold-2-a-year-later", Cancel));
        Assert.NotNull(article.Image);
        // In its own kind (issue 16): the old site's PNG stays a PNG.
        Assert.True(File.Exists(Path.Combine(site.DataFolder, "media", article.Image.Url(960)["/media/".Length..])));
        Assert.DoesNotContain("/wp-content/uploads/", article.BodyHtml);
        Assert.Contains("/media/uploads/", article.BodyHtml);
    }

    [Fact]
    public async Task WithoutTheUploadsTheImagesKeepTheirOldAddressesAndAreListed()
    {
        var (_, report, _) = await site.ImportAsync("wordpress", ImportSite.WordPressExport);

        Assert.Contains("Media left at their old address", report);
        Assert.Contains("/wp-content/uploads/2021/03/fold-hinge.png: no --uploads folder was given.", report);
    }

    [Fact]
    public async Task TheThemeUnitTestDataImportsWholeWithEveryComment()
    {
        var path = SharedCorpora.PathOf("wordpress-theme-unit-test.xml");

        var (exit, report, _) = await site.ImportAsync("wordpress", path);

        Assert.True(exit == 0, report);
        var records = Records(path);
        var imported = records.OfType<WxrItem>().Where(i => i.PostType == "post" && i.Status != "trash").Select(i => i.PostId).ToHashSet();
        var expected = records.OfType<WxrComment>().Where(c => imported.Contains(c.PostId)).Select(c => c.Id.ToString()).Order().ToList();
        var stored = await site.WithDbAsync(db => db.Comments.Where(c => c.Source == ImportSources.WordPress).Select(c => c.SourceId!).ToListAsync(Cancel));
        Assert.Equal(expected, stored.Order());
        Assert.Equal(imported.Count, await site.WithDbAsync(db => db.Articles.CountAsync(Cancel)));
    }

    [Fact]
    public async Task AnImportStoppedHalfwayFinishesWhenRunAgainWithoutDuplicates()
    {
        // The file broken off in the middle of the second post's comments, as by a full disk or a cut connection.
        var text = await File.ReadAllTextAsync(ImportSite.WordPressExport, Cancel);
        var cut = text.IndexOf("<wp:comment_id>10</wp:comment_id>", StringComparison.Ordinal);
        var broken = Path.Combine(site.DataFolder, "broken.xml");
        await File.WriteAllTextAsync(broken, text[..cut], Cancel);

        var (stopped, stoppedReport, _) = await site.ImportAsync("wordpress", broken);
        var partial = await CountAsync();
        var (exit, _, _) = await site.ImportAsync("wordpress", ImportSite.WordPressExport);

        Assert.Equal(1, stopped);
        Assert.Contains("stopped:", stoppedReport);
        Assert.True(partial.Comments > 0 && partial.Articles > 0, "What was read before the break is kept.");
        Assert.Equal(0, exit);
        await using var clean = new ImportSite();
        await clean.ImportAsync("wordpress", ImportSite.WordPressExport);
        var finished = await CountAsync();
        var expected = await clean.WithDbAsync(async db => new Counts(
            await db.Articles.CountAsync(Cancel), await db.Comments.CountAsync(Cancel), await db.Authors.CountAsync(Cancel),
            await db.Users.CountAsync(Cancel), await db.Categories.CountAsync(Cancel), await db.Tags.CountAsync(Cancel),
            await db.OldAddresses.CountAsync(Cancel)));
        Assert.Equal(expected, finished);
    }

    [Fact]
    public async Task AnImportCancelledAfterACommittedBatchAndRunAgainHasEveryCommentExactlyOnce()
    {
        // Issue 13: batches of 3 rows, so that several are committed before the import is stopped three quarters into the file
        // (read one record ahead of the writing at most, so that the file's position is where the import is).
        using var stop = new CancellationTokenSource();
        var length = new FileInfo(ImportSite.WordPressExport).Length;
        // The importer reads the file once quickly (for its highest comment id), then again to import it: stopped three
        // quarters into the second reading.
        var (last, rewound) = (0L, false);
        await using (var file = new TrickleStream(File.OpenRead(ImportSite.WordPressExport), position =>
        {
            rewound |= position < last;
            last = position;
            if (rewound && !stop.IsCancellationRequested && position >= length * 3 / 4)
            {
                stop.Cancel();
            }
        }))
        {
            await site.Services.GetRequiredService<DatabaseStartup>().PrepareAsync(Cancel);
            await using var scope = site.Services.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<WordPressImport>();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                import.RunAsync(file, new WordPressImportOptions(BatchSize: 3, ReadAhead: 1), new ImportReport("WordPress", dryRun: false), stop.Token));
        }
        var partial = await CountAsync();

        var (exit, _, _) = await site.ImportAsync("wordpress", ImportSite.WordPressExport);

        Assert.True(partial.Comments > 0, "Committed batches are kept.");
        Assert.Equal(0, exit);
        await using var clean = new ImportSite();
        await clean.ImportAsync("wordpress", ImportSite.WordPressExport);
        static async Task<List<(string?, string?, int, int?, CommentStatus)>> RowsAsync(ImportSite of) =>
            [.. (await of.WithDbAsync(db => db.Comments.AsNoTracking().Select(c => new { c.Source, c.SourceId, c.Id, c.ParentId, c.Status }).ToListAsync()))
                .Select(c => (c.Source, c.SourceId, c.Id, c.ParentId, c.Status)).Order()];
        var expected = await RowsAsync(clean);
        Assert.True(partial.Comments < expected.Count, "The import was stopped before its end.");
        Assert.Equal(expected, await RowsAsync(site));
        Assert.Equal(await clean.WithDbAsync(db => db.Articles.OrderBy(a => a.Slug).Select(a => a.CommentCount).ToListAsync(Cancel)),
            await site.WithDbAsync(db => db.Articles.OrderBy(a => a.Slug).Select(a => a.CommentCount).ToListAsync(Cancel)));
    }

    /// <summary>A file read a little at a time, as a slow disk or upload gives it, calling back after each read.</summary>
    private sealed class TrickleStream(Stream inner, Action<long> afterRead) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, Math.Min(count, 256));
            afterRead(inner.Position);
            return read;
        }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    [Fact]
    public async Task AFileThatIsNotThereOrAnUnknownOptionIsRefusedWithItsReason()
    {
        var (missing, _, missingError) = await site.ImportAsync("wordpress", "/nowhere/export.xml");
        var (unknown, _, unknownError) = await site.ImportAsync("wordpress", ImportSite.WordPressExport, "--frobnicate");

        Assert.Equal(ImportCommand.BadInput, missing);
        Assert.Contains("there is no file \"/nowhere/export.xml\"", missingError);
        Assert.Equal(ImportCommand.BadInput, unknown);
        Assert.Contains("unknown option \"--frobnicate\"", unknownError);
    }
}
