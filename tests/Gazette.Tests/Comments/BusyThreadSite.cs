using System.Data.Common;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Demo;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Comments;

/// <summary>
/// Discussions too big for one page (issue 11), with the site's default budget and paging, the page cache off (every
/// request renders) and a count of the rows the site reads from the database:
/// <list type="bullet">
/// <item><see cref="Busy"/>: one comment holding 20,000 replies, then a quiet comment with two;</item>
/// <item><see cref="Long"/>: the 10,000-comment discussion the benchmarks read (the demo's generator, seed 10,000);</item>
/// <item><see cref="Crawled"/>: 1,000 generated comments, every 40th deleted by its author.</item>
/// </list>
/// </summary>
public sealed class BusyThreadSite : EmptyGazetteFactory, IAsyncLifetime
{
    public const string Busy = "/articles/busy-story";
    public const string Long = "/articles/long-story";
    public const string Crawled = "/articles/crawled-story";
    public const int Replies = 20_000;

    private readonly RowCounter rows = new();

    /// <summary>The comment with 20,000 replies, and those replies' ids in reading order (oldest first).</summary>
    public int BusyId { get; private set; }
    public IReadOnlyList<int> BusyReplies { get; private set; } = [];

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("PageCache:Enabled", "false")];

    /// <summary>Rows read from the database since the site started, by every query.</summary>
    public long RowsRead => Interlocked.Read(ref rows.Count);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<GazetteDb>(options => options.AddInterceptors(rows)));
    }

    public async ValueTask InitializeAsync()
    {
        var pool = DemoContent.Read(Path.Combine(Services.GetRequiredService<DemoLoader>().ContentFolder, "demo-content.json")).CommentPool;
        var at = Now.UtcDateTime.AddDays(-1);
        await WithDbAsync(async db =>
        {
            var author = Author("Ana Writer");
            var busy = Article("Busy story", at, author);
            var longStory = Article("Long story", at.AddHours(-1), author);
            var crawled = Article("Crawled story", at.AddHours(-2), author);
            db.AddRange(busy, longStory, crawled);
            await db.SaveChangesAsync();

            var popular = Comment(busy, "Popular", "Everyone answers this.", at.AddMinutes(1));
            var quiet = Comment(busy, "Quiet", "Hardly anyone answers this.", at.AddMinutes(2));
            db.AddRange(popular, quiet);
            db.AddRange(Comment(busy, "Q1", "First answer.", at.AddMinutes(3), quiet), Comment(busy, "Q2", "Second answer.", at.AddMinutes(4), quiet));
            await db.SaveChangesAsync();
            // 20,000 rows at once: by foreign key (no navigation to fix up), without change detection, the HTML as written.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Comments.AddRange(Enumerable.Range(1, Replies).Select(i => new Comment
            {
                ArticleId = busy.Id,
                ParentId = popular.Id,
                RootId = popular.Id,
                Depth = 1,
                AuthorName = $"Replier {i}",
                Body = $"Reply number {i}.",
                BodyHtml = $"<p>Reply number {i}.</p>",
                CreatedAt = at.AddMinutes(5).AddSeconds(i),
                // Loaded in bulk: else the notifications service reads them in the background while a test counts rows.
                NotifiedAt = at,
            }));
            busy.CommentCount = Replies + 4;
            db.Entry(busy).Property(a => a.CommentCount).IsModified = true;
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            BusyId = popular.Id;
            BusyReplies = await db.Comments.Where(c => c.ParentId == popular.Id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Select(c => c.Id).ToListAsync();

            await AddGeneratedAsync(db, longStory.Id, at, 10_000, pool, seed: 10_000);
            await AddGeneratedAsync(db, crawled.Id, at, 1_000, pool, seed: 1_000, deleteEvery: 40);
        });
    }

    private static async Task AddGeneratedAsync(GazetteDb db, int articleId, DateTime publishedAt, int count, DemoCommentPool pool, int seed, int deleteEvery = 0)
    {
        var comments = CommentGenerator.Generate(articleId, publishedAt, publishedAt.AddDays(1), count, pool, seed);
        for (var i = deleteEvery - 1; deleteEvery > 0 && i < comments.Count; i += deleteEvery)
        {
            comments[i].Status = CommentStatus.Deleted;
        }
        db.Comments.AddRange(comments);
        await db.SaveChangesAsync();
        await db.Articles.Where(a => a.Id == articleId)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.CommentCount, comments.Count(c => c.Status == CommentStatus.Approved)));
        db.ChangeTracker.Clear();
    }

    /// <summary>Counts what every data reader of the site read before it went.</summary>
    private sealed class RowCounter : DbCommandInterceptor
    {
        public long Count;

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            Interlocked.Add(ref Count, eventData.ReadCount);
            return result;
        }
    }
}
