using System.Globalization;
using System.Security.Cryptography;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Core.Text;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Demo;

/// <summary>
/// Fills an empty database with the demo site, dated relative to now so the "news of the week" has a week to show.
/// Idempotent: a database that has any article is left alone, so starting twice never duplicates anything.
/// </summary>
public sealed class DemoLoader(IOptions<DemoOptions> options, IWebHostEnvironment environment, TimeProvider clock, ILogger<DemoLoader> log)
{
    public string ContentFolder => Path.Combine(environment.ContentRootPath, "Demo", "content");

    public async Task LoadIfEmptyAsync(GazetteDb db, string dataPath, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || await db.Articles.AnyAsync(cancellationToken) || await DemoRemoval.TurnedOffAsync(db, cancellationToken))
        {
            return;
        }

        var file = Path.Combine(ContentFolder, "demo-content.json");
        if (!File.Exists(file))
        {
            // Started from another folder than the site's own (its content root), or from a copy without the demo.
            throw new GazetteStartupException(
                $"Demo:Enabled is on and the database has no article, but the demo content is not at '{file}'. Start Gazette "
                + "from its own folder (or pass --contentRoot FOLDER), or turn the demo off for a real site (Demo__Enabled=false).");
        }
        var content = DemoContent.Read(file);
        var now = clock.GetUtcNow().UtcDateTime;
        // Every article is dated from yesterday backwards, so none of them is in the future whatever the hour.
        var anchor = now.Date.AddDays(-1);

        var authors = content.Authors.ToDictionary(a => a.Slug, a => new Author { Slug = a.Slug, Name = a.Name, Bio = a.Bio });
        var categories = content.Categories.ToDictionary(c => c.Slug, c => new Category { Slug = c.Slug, Name = c.Name, Description = c.Description });
        var tags = new Dictionary<string, Tag>();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var index = 0;
        var articleIds = new List<int>();
        foreach (var demo in content.Articles)
        {
            var publishedAt = anchor.AddDays(-demo.DaysAgo) + TimeSpan.Parse(demo.Time, CultureInfo.InvariantCulture);
            var article = new Article
            {
                Slug = demo.Slug,
                Title = demo.Title,
                Excerpt = demo.Excerpt,
                BodyMarkdown = demo.Body,
                BodyHtml = ArticleMarkdown.ToHtml(demo.Body),
                BodyText = ArticleMarkdown.ToPlainText(demo.Body),
                Author = authors[demo.Author],
                Category = categories[demo.Category],
                Tags = demo.Tags.Select(name => TagFor(name, tags)).ToList(),
                Status = ArticleStatus.Published,
                CreatedAt = publishedAt,
                PublishedAt = publishedAt,
                UpdatedAt = publishedAt,
                Image = CopyImage(demo.Image, dataPath),
                IsDemo = true,
            };
            db.Articles.Add(article);
            await db.SaveChangesAsync(cancellationToken);

            var comments = demo.Comments is { Count: > 0 }
                ? WrittenThread(article.Id, publishedAt, demo.Comments)
                : CommentGenerator.Generate(article.Id, publishedAt, now, demo.GeneratedComments, content.CommentPool, seed: 1000 + index);
            db.Comments.AddRange(comments);
            await db.SaveChangesAsync(cancellationToken);
            articleIds.Add(article.Id);
            index++;
        }
        await CommentLifecycle.RecountAsync(db, articleIds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        log.LogInformation("Loaded the demo site: {Count} articles", content.Articles.Count);
    }

    private static Tag TagFor(string name, Dictionary<string, Tag> tags)
    {
        var slug = Slug.From(name);
        if (!tags.TryGetValue(slug, out var tag))
        {
            tags[slug] = tag = new Tag { Slug = slug, Name = name };
        }
        return tag;
    }

    private static List<Comment> WrittenThread(int articleId, DateTime publishedAt, List<DemoComment> thread)
    {
        var comments = new List<Comment>();
        void Add(DemoComment demo, Comment? parent)
        {
            var comment = new Comment
            {
                ArticleId = articleId,
                AuthorName = demo.Author,
                CreatedAt = publishedAt.AddMinutes(demo.MinutesAfter),
                NotifiedAt = publishedAt.AddMinutes(demo.MinutesAfter), // loaded, not written by someone: nobody is told
            };
            CommentLifecycle.Place(comment, parent);
            CommentLifecycle.SetBody(comment, demo.Body);
            comments.Add(comment);
            foreach (var reply in demo.Replies ?? [])
            {
                Add(reply, comment);
            }
        }
        foreach (var comment in thread)
        {
            Add(comment, null);
        }
        return comments;
    }

    /// <summary>Copies the image's widths into the media folder under a content-hashed name, so they can be cached forever.</summary>
    private FeaturedImage CopyImage(DemoImage image, string dataPath)
    {
        var source = Path.Combine(ContentFolder, "images", image.File);
        var largest = FeaturedImage.Widths[^1];
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes($"{source}-{largest}.jpg")))[..10];
        var path = $"demo/{image.File}-{hash}";
        Directory.CreateDirectory(Path.Combine(dataPath, "media", "demo"));
        foreach (var width in FeaturedImage.Widths)
        {
            File.Copy($"{source}-{width}.jpg", Path.Combine(dataPath, "media", $"{path}-{width}.jpg"), overwrite: true);
        }
        // The demo images are all made at 16:9 by Demo/content/images/make-images.sh.
        return new FeaturedImage { Path = path, Alt = image.Alt, Width = largest, Height = largest * 9 / 16 };
    }
}
