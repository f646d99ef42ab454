using Gazette.Articles;
using Gazette.Comments;
using Gazette.Core.Text;
using Gazette.Data;
using Gazette.Demo;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Benchmarks;

/// <summary>
/// The articles the whole-page benchmarks read: the demo's own 14- and 300-comment articles, and articles of
/// 2,000 and 10,000 comments added beside them by <see cref="SeedAsync"/>.
/// </summary>
public static class BenchArticles
{
    /// <summary>The demo article with a written discussion of 14 comments.</summary>
    public const string Demo14 = "pikra-signals-plans-to-sell-phones-in-europe";

    /// <summary>The demo article with 300 generated comments; added articles copy its body, image, author and tags.</summary>
    public const string Demo300 = "corvex-nova-7-review";

    /// <summary>A <c>Comments</c> value of the page benchmarks: one top-level comment holding 20,000 replies (20,001 comments).</summary>
    public const int OneBusyComment = 20_001;

    /// <summary>The article of <see cref="OneBusyComment"/>, added by <see cref="SeedBusyCommentAsync"/>.</summary>
    public const string BusyComment = "bench-one-comment-20000-replies";

    public static string Slug(int comments) => comments switch
    {
        14 => Demo14,
        300 => Demo300,
        OneBusyComment => BusyComment,
        _ => $"bench-{comments}-comments",
    };

    public static DemoCommentPool ReadCommentPool() => DemoContent.Read(RepoPaths.DemoContentFile).CommentPool;

    /// <summary>
    /// Adds one published article of each size, with slug <c>bench-{N}-comments</c> and N comments from
    /// <see cref="CommentGenerator"/>. Idempotent: a size whose article exists is skipped. Needs the demo loaded
    /// (it borrows an existing author and the 300-comment article's body, so pages differ only in their discussion).
    /// </summary>
    public static async Task SeedAsync(GazetteDb db, DemoCommentPool pool, IEnumerable<int> sizes, TextWriter log, CancellationToken cancellationToken = default)
    {
        var template = await db.Articles.Include(a => a.Author).Include(a => a.Tags)
                .FirstOrDefaultAsync(a => a.Slug == Demo300, cancellationToken)
            ?? await db.Articles.Include(a => a.Author).Include(a => a.Tags)
                .OrderBy(a => a.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException(
                "The database has no article yet: start the site once on this data folder so that it loads the demo, then seed.");

        var now = DateTime.UtcNow;
        foreach (var size in sizes)
        {
            var slug = $"bench-{size}-comments";
            if (await db.Articles.AnyAsync(a => a.Slug == slug, cancellationToken))
            {
                log.WriteLine($"{slug}: already there, skipped");
                continue;
            }

            // Two days old: the discussion has had time to grow, and is still in the week's news.
            var publishedAt = now.Date.AddDays(-2).AddHours(8).AddMinutes(size % 60);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var article = LikeTemplate(template, slug, $"Benchmark: a discussion of {size:N0} comments", publishedAt);
            db.Articles.Add(article);
            await db.SaveChangesAsync(cancellationToken);

            var comments = CommentGenerator.Generate(article.Id, publishedAt, now, size, pool, seed: size);
            db.Comments.AddRange(comments);
            await db.SaveChangesAsync(cancellationToken);
            await CommentLifecycle.RecountAsync(db, [article.Id], cancellationToken);
            await db.Entry(article).ReloadAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            log.WriteLine($"{slug}: added with {article.CommentCount:N0} comments ({comments.Count(c => c.Parent is null):N0} top-level)");
        }
        db.ChangeTracker.Clear();
    }

    public const string SameFirstPage = "bench-10000-same-first-page";

    /// <summary>
    /// A 10,000-comment article whose first page of discussion is the 300-comment article's: its comments are copied
    /// (same tree, same times relative to publication), and 9,700 more come after them in later threads. Its first page
    /// therefore shows the same comments as the 300-comment page, and measures what the thread's size alone costs.
    /// </summary>
    public static async Task SeedSameFirstPageAsync(GazetteDb db, DemoCommentPool pool, TextWriter log, CancellationToken cancellationToken = default)
    {
        if (await db.Articles.AnyAsync(a => a.Slug == SameFirstPage, cancellationToken))
        {
            log.WriteLine($"{SameFirstPage}: already there, skipped");
            return;
        }
        var template = await db.Articles.Include(a => a.Author).Include(a => a.Tags).FirstAsync(a => a.Slug == Demo300, cancellationToken);
        var source = await db.Comments.AsNoTracking().Where(c => c.ArticleId == template.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var now = DateTime.UtcNow;
        var publishedAt = now.Date.AddDays(-2).AddHours(7);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = LikeTemplate(template, SameFirstPage, "Benchmark: 10,000 comments, the same first page as 300", publishedAt);
        db.Articles.Add(article);
        await db.SaveChangesAsync(cancellationToken);

        var copies = CopyDiscussion(source, article.Id, publishedAt - template.PublishedAt);
        // The rest of the discussion starts after the last copied comment, in threads of its own.
        var start = copies.Values.Max(c => c.CreatedAt).AddMinutes(1);
        var later = CommentGenerator.Generate(article.Id, start, now, 10_000 - copies.Count, pool, seed: 10_000);
        db.Comments.AddRange(copies.Values);
        db.Comments.AddRange(later);
        await db.SaveChangesAsync(cancellationToken);
        await CommentLifecycle.RecountAsync(db, [article.Id], cancellationToken);
        await db.Entry(article).ReloadAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        log.WriteLine($"{SameFirstPage}: added with {article.CommentCount:N0} comments, the first {copies.Count} copied from {Demo300}");
    }

    /// <summary>The slug of <see cref="SeedSeedThreadFirstAsync"/>'s article of <paramref name="comments"/> comments.</summary>
    public static string SeedThreadSlug(int comments) => $"bench-{comments}-seed-thread";

    /// <summary>
    /// Adds one published article of each size whose discussion opens with the demo's written one (the 14 comments of
    /// <see cref="Demo14"/>, in the seed thread's shape: six top-level comments, replies four levels deep, a nameless
    /// writer, an empty reply, emoji), copied with their nesting and times, followed by generated comments up to the size.
    /// Title, body, image, author and tags are the 300-comment article's. Slugs <c>bench-{N}-seed-thread</c>; idempotent.
    /// These are the articles <c>bench/wordpress.sh</c> copies into WordPress.
    /// </summary>
    public static async Task SeedSeedThreadFirstAsync(GazetteDb db, DemoCommentPool pool, IEnumerable<int> sizes, TextWriter log, CancellationToken cancellationToken = default)
    {
        var template = await db.Articles.Include(a => a.Author).Include(a => a.Tags).FirstOrDefaultAsync(a => a.Slug == Demo300, cancellationToken);
        var written = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == Demo14, cancellationToken);
        if (template is null || written is null)
        {
            throw new InvalidOperationException(
                $"The demo's {Demo300} and {Demo14} are needed: start the site once on this data folder so that it loads the demo, then seed.");
        }
        var source = await db.Comments.AsNoTracking().Where(c => c.ArticleId == written.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var now = DateTime.UtcNow;
        foreach (var size in sizes)
        {
            var slug = SeedThreadSlug(size);
            if (await db.Articles.AnyAsync(a => a.Slug == slug, cancellationToken))
            {
                log.WriteLine($"{slug}: already there, skipped");
                continue;
            }
            if (size < source.Count)
            {
                throw new InvalidOperationException($"{slug}: at least {source.Count} comments, the written discussion's.");
            }

            // Five days old: the written discussion spans three days, and the generated one follows it up to now.
            var publishedAt = now.Date.AddDays(-5).AddHours(8).AddMinutes(size % 60);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var article = LikeTemplate(template, slug, template.Title, publishedAt);
            db.Articles.Add(article);
            await db.SaveChangesAsync(cancellationToken);

            var copies = CopyDiscussion(source, article.Id, publishedAt - written.PublishedAt);
            var later = CommentGenerator.Generate(article.Id, copies.Values.Max(c => c.CreatedAt).AddMinutes(1), now,
                size - copies.Count, pool, seed: size);
            db.Comments.AddRange(copies.Values);
            db.Comments.AddRange(later);
            await db.SaveChangesAsync(cancellationToken);
            await CommentLifecycle.RecountAsync(db, [article.Id], cancellationToken);
            await db.Entry(article).ReloadAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            log.WriteLine($"{slug}: added with {article.CommentCount:N0} comments, the first {copies.Count} copied from {Demo14}");
        }
        db.ChangeTracker.Clear();
    }

    /// <summary>Copies of <paramref name="source"/> (parents before replies) on another article, moved in time by <paramref name="shift"/>.</summary>
    private static Dictionary<int, Comment> CopyDiscussion(IEnumerable<Comment> source, int articleId, TimeSpan shift)
    {
        var copies = new Dictionary<int, Comment>();
        foreach (var c in source)
        {
            var parent = c.ParentId is { } parentId ? copies[parentId] : null;
            var copy = new Comment
            {
                ArticleId = articleId,
                AuthorName = c.AuthorName,
                Body = c.Body,
                BodyHtml = c.BodyHtml,
                Status = c.Status,
                CreatedAt = c.CreatedAt + shift,
                Upvotes = c.Upvotes,
                Downvotes = c.Downvotes,
                Rank = c.Rank,
            };
            CommentLifecycle.Place(copy, parent);
            copies[c.Id] = copy;
        }
        return copies;
    }

    /// <summary>
    /// An article whose discussion is one comment with 20,000 direct replies (issue 11): what a page costs when a single
    /// thread is far larger than a page. Idempotent, and needs the demo loaded, as <see cref="SeedAsync"/>.
    /// </summary>
    public static async Task SeedBusyCommentAsync(GazetteDb db, DemoCommentPool pool, TextWriter log, CancellationToken cancellationToken = default)
    {
        if (await db.Articles.AnyAsync(a => a.Slug == BusyComment, cancellationToken))
        {
            log.WriteLine($"{BusyComment}: already there, skipped");
            return;
        }
        var template = await db.Articles.Include(a => a.Author).Include(a => a.Tags).FirstAsync(a => a.Slug == Demo300, cancellationToken);
        var publishedAt = DateTime.UtcNow.Date.AddDays(-2).AddHours(6);
        var random = new Random(OneBusyComment);
        string Body() => string.Join(" ", Enumerable.Range(0, 1 + random.Next(3)).Select(_ => pool.Sentences[random.Next(pool.Sentences.Count)]));
        string Name() => pool.Names[random.Next(pool.Names.Count)];

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = LikeTemplate(template, BusyComment, "Benchmark: one comment with 20,000 replies", publishedAt);
        db.Articles.Add(article);
        await db.SaveChangesAsync(cancellationToken);
        var body = Body();
        var busy = new Comment
        {
            ArticleId = article.Id, AuthorName = Name(), Body = body, BodyHtml = CommentText.ToHtml(body), CreatedAt = publishedAt.AddMinutes(1),
        };
        db.Comments.Add(busy);
        for (var i = 0; i < OneBusyComment - 1; i++)
        {
            body = Body();
            db.Comments.Add(new Comment
            {
                ArticleId = article.Id, Parent = busy, Root = busy, Depth = 1, AuthorName = Name(), Body = body,
                BodyHtml = CommentText.ToHtml(body), CreatedAt = publishedAt.AddMinutes(2).AddSeconds(i * 10),
            });
        }
        article.CommentCount = OneBusyComment;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        log.WriteLine($"{BusyComment}: added with one comment holding {OneBusyComment - 1:N0} replies");
    }

    /// <summary>A published article with the template's body, image, author, category and tags: pages differ only in their discussion.</summary>
    private static Article LikeTemplate(Article template, string slug, string title, DateTime publishedAt) => new()
    {
        Slug = slug,
        Title = title,
        Excerpt = template.Excerpt,
        BodyMarkdown = template.BodyMarkdown,
        BodyHtml = template.BodyHtml,
        Author = template.Author,
        CategoryId = template.CategoryId,
        Tags = template.Tags.ToList(),
        Status = ArticleStatus.Published,
        PublishedAt = publishedAt,
        UpdatedAt = publishedAt,
        Image = template.Image is { } image
            ? new FeaturedImage { Path = image.Path, Alt = image.Alt, Width = image.Width, Height = image.Height }
            : null,
    };
}
