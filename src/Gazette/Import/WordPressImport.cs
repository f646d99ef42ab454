using System.Globalization;
using System.Net;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Core.Import;
using Gazette.Core.Import.WordPress;
using Gazette.Core.Text;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Media;
using Gazette.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Import;

/// <param name="BatchSize">Rows written between commits (<see cref="WordPressImport.BatchSize"/>); tests make it small.</param>
/// <param name="ReadAhead">Records read ahead of the writing at most (<see cref="ImportPipeline.ReadAhead"/>); tests make it small.</param>
public sealed record WordPressImportOptions(bool DryRun = false, string? UploadsFolder = null, string? OldBaseUrl = null, bool SkipPings = false,
    int BatchSize = WordPressImport.BatchSize, int ReadAhead = ImportPipeline.ReadAhead);

/// <summary>
/// <c>import wordpress</c>: a WordPress export (WXR) read as a stream and written in batches. Posts become articles
/// (pages standalone pages, other kinds listed, not imported), authors bylines, categories and tags theirs, comments comments
/// (<see cref="ImportedComments"/>), and each post's old addresses are kept for redirects (<see cref="OldAddresses"/>).
/// What was imported before (by its WordPress id) is left as it is, so the same file twice changes nothing and a newer
/// export adds only what is new; a batch committed is kept, so an interrupted run, run again, finishes the job.
/// A dry run does all of it in one transaction and rolls it back.
/// </summary>
public sealed partial class WordPressImport(
    GazetteDb db, WriteGate writes, ImportedComments comments, ImportAccounts accounts, ImportMedia media, IpHasher ipHasher,
    IOptions<PrivacyOptions> privacy, TimeProvider clock, StoredImages storedImages)
{
    /// <summary>
    /// Rows written between commits. A commit writes every page its rows changed to the log, and the comments' e-mail
    /// index takes rows in no order: late in a large import a commit rewrites most of that index, so fewer, larger
    /// commits write less (a million comments: 5.1 GB of log at 10,000, 4.4 GB at 20,000). On SQLite the site's own writes
    /// wait for a batch's commit, about a second at this size.
    /// </summary>
    public const int BatchSize = 20_000;

    /// <summary>Comments handed to <see cref="ImportedComments"/> between its bulk writes.</summary>
    public const int CommentsPerWrite = 2_000;

    private WordPressImportOptions options = new();
    private ImportReport report = null!;
    private readonly HashSet<string> oldHosts = [];
    private readonly Dictionary<string, int> authors = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, string> users = [];
    private readonly Dictionary<string, int> categories = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> tags = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, WordPressMedia> attachments = [];
    private GatedTransaction? batch;
    private int pendingRows;
    private DateTime now, ipsKeptSince;
    private string? fatal;
    // Attachments usually come after the post that shows them (uploaded once the post had its id): featured images and
    // galleries are finished when the file has been read. Only such posts are remembered.
    private readonly List<(int ArticleId, long AttachmentId, string SourceId)> laterImages = [];
    private readonly List<(int ArticleId, long PostId, string Content, string SourceId)> laterGalleries = [];

    // The item whose comments are being read.
    private (WxrItem Item, int ArticleId)? current;

    public async Task<ImportReport> RunAsync(Stream file, WordPressImportOptions importOptions, ImportReport importReport, CancellationToken cancellationToken)
    {
        options = importOptions;
        report = importReport;
        now = clock.GetUtcNow().UtcDateTime;
        ipsKeptSince = now.AddDays(-privacy.Value.IpRetentionDays);
        // One quick pass first, when the file can be read twice: placeholders must not take a WordPress id that a
        // later comment of the file keeps.
        var highestCommentId = file.CanSeek ? WxrReader.HighestCommentId(file) : 0;
        if (file.CanSeek)
        {
            file.Position = 0;
        }
        comments.Begin(ImportSources.WordPress, ImportSources.WordPressPlaceholder, report, highestCommentId + 1);
        if (options.OldBaseUrl is { } oldBase)
        {
            oldHosts.Add(AddressKey.Host(oldBase));
        }
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var connection = await ImportConnection.OpenAsync(db, cancellationToken);
        // A dry run: one transaction, rolled back at the end, whatever happened.
        await using var dryRun = options.DryRun ? await writes.BeginAsync(db, cancellationToken) : null;
        try
        {
            var length = file.CanSeek ? file.Length : 0;
            IEnumerable<WxrRecord> Read()
            {
                foreach (var record in WxrReader.Read(file))
                {
                    report.Read(file.CanSeek ? file.Position : 0, length);
                    yield return record;
                }
            }
            // The file read and the comments' bodies rendered on the other core while batches are written here.
            await foreach (var (record, bodyHtml) in ImportPipeline.ReadAsync(Read, BodyOf, options.ReadAhead, cancellationToken))
            {
                await ImportAsync(record, bodyHtml, cancellationToken);
            }
            await FlushCommentsAsync(cancellationToken);
            await FinishMediaAsync(cancellationToken);
            await CommitAsync(cancellationToken);
            await comments.RecountAsync(cancellationToken);
            report.Finish(fatal);
        }
        catch (OperationCanceledException)
        {
            report.Finish("cancelled; what was committed stays, and importing the file again finishes the job.");
            throw;
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            report.Finish($"{e.GetBaseException().Message} What was committed stays; importing the file again finishes the job.");
        }
        finally
        {
            if (batch is not null)
            {
                await batch.DisposeAsync();
                batch = null;
            }
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        return report;
    }

    /// <summary>A comment's body rendered ahead of its turn (as <see cref="Incoming"/> will hand it over); null for other records.</summary>
    private string? BodyOf(WxrRecord record) =>
        record is WxrComment comment && !LeftOut(comment)
            ? CommentLifecycle.BodyHtml(comment.Content, KindOf(comment), AuthorUrlOf(comment))
            : null;

    /// <summary>A pingback or trackback, when the import was asked to skip them (--skip-pings).</summary>
    private bool LeftOut(WxrComment comment) => comment.IsPing && options.SkipPings;

    private static CommentKind KindOf(WxrComment comment) =>
        comment.Type switch { "pingback" => CommentKind.Pingback, "trackback" => CommentKind.Trackback, _ => CommentKind.Comment };

    private static string? AuthorUrlOf(WxrComment comment) => string.IsNullOrWhiteSpace(comment.AuthorUrl) ? null : comment.AuthorUrl.Trim();

    private async Task ImportAsync(WxrRecord record, string? bodyHtml, CancellationToken cancellationToken)
    {
        switch (record)
        {
            case WxrSite site:
                foreach (var address in new[] { site.Link, site.BaseSiteUrl, site.BaseBlogUrl })
                {
                    if (Uri.TryCreate(address, UriKind.Absolute, out var uri))
                    {
                        oldHosts.Add(AddressKey.Host(uri.Host));
                    }
                }
                break;
            case WxrAuthor author:
                await BeginAsync(cancellationToken);
                var name = author.DisplayName ?? string.Join(' ', new[] { author.FirstName, author.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
                var byline = await accounts.BylineAsync(author.Login, author.Email, name.Length > 0 ? name : null, report, cancellationToken);
                authors[author.Login] = byline.AuthorId;
                if (author.Id is { } wordPressId && byline.UserId is { } userId)
                {
                    users[wordPressId] = userId;
                }
                break;
            case WxrTerm { Taxonomy: WxrTaxonomy.Category } category:
                await BeginAsync(cancellationToken);
                await CategoryAsync(category.Slug, category.Name, category.Description, cancellationToken);
                break;
            case WxrTerm { Taxonomy: WxrTaxonomy.Tag } tag:
                await BeginAsync(cancellationToken);
                await TagAsync(tag.Slug, tag.Name, cancellationToken);
                break;
            case WxrTerm:
                break;
            case WxrItem item:
                await FlushCommentsAsync(cancellationToken);
                await CommitIfFullAsync(cancellationToken);
                await ItemAsync(item, cancellationToken);
                break;
            case WxrComment comment:
                if (current is { } of && of.Item.PostId == comment.PostId)
                {
                    if (Incoming(comment, bodyHtml) is { } incoming)
                    {
                        comments.Add(of.ArticleId, incoming);
                    }
                    if (comments.Buffered >= CommentsPerWrite)
                    {
                        await BeginAsync(cancellationToken);
                        pendingRows += await comments.WriteAsync(noMoreParents: false, cancellationToken);
                        await CommitIfFullAsync(cancellationToken);
                    }
                }
                else
                {
                    report.Skip("comment", comment.Id.ToString(CultureInfo.InvariantCulture), $"Its post {comment.PostId} is not imported.");
                }
                break;
            case WxrProblem problem:
                report.Skip(problem.Kind, problem.SourceId, problem.Reason);
                if (problem.IsFatal)
                {
                    fatal = problem.Reason;
                }
                break;
        }
    }

    private async Task ItemAsync(WxrItem item, CancellationToken cancellationToken)
    {
        var sourceId = item.PostId.ToString(CultureInfo.InvariantCulture);
        switch (item.PostType)
        {
            case "attachment":
                if ((item.AttachmentUrl ?? item.Guid) is { } url)
                {
                    attachments[item.PostId] = new WordPressMedia(item.PostId, url, item.MetaValue("_wp_attachment_image_alt"),
                        item.Excerpt.Length > 0 ? item.Excerpt : null, item.ParentId, item.MenuOrder);
                }
                return;
            case "post":
                break;
            case "page":
                await PageAsync(item, sourceId, cancellationToken);
                return;
            default:
                // Menus, revisions, block templates, plugins' types: the site's machinery, not its content.
                report.Skip(item.PostType, sourceId, "Not an article: this kind of item is not imported.");
                return;
        }
        ArticleStatus status;
        switch (item.Status)
        {
            case "publish": status = ArticleStatus.Published; break;
            case "future": status = ArticleStatus.Scheduled; break;
            case "draft" or "pending": status = ArticleStatus.Draft; break;
            case "private": status = ArticleStatus.Unpublished; break;
            case "trash":
                report.Skip("post", sourceId, $"\"{item.Title}\" is in the trash.");
                return;
            default:
                report.Skip("post", sourceId, $"\"{item.Title}\" has the status \"{item.Status}\", which is not imported.");
                return;
        }

        await BeginAsync(cancellationToken);
        var existing = await db.Articles.AsNoTracking()
            .Where(a => a.Source == ImportSources.WordPress && a.SourceId == sourceId).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } articleId)
        {
            report.Existing("article");
            current = (item, articleId);
            return;
        }
        try
        {
            var article = await ArticleAsync(item, sourceId, status, cancellationToken);
            db.Articles.Add(article);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            pendingRows++;
            report.Add("article", status.ToString().ToLowerInvariant());
            current = (item, article.Id);
            pendingRows += await OldAddresses.AddAsync(db, article.Id, AddressesOf(item, article), cancellationToken);
            if (item.MetaValue("_thumbnail_id") is { } thumbnail && long.TryParse(thumbnail, out var thumbnailId) && !attachments.ContainsKey(thumbnailId))
            {
                laterImages.Add((article.Id, thumbnailId, sourceId));
            }
            if (item.Content.Contains("[gallery", StringComparison.OrdinalIgnoreCase))
            {
                laterGalleries.Add((article.Id, item.PostId, item.Content, sourceId));
            }
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            current = null;
            report.Skip("post", sourceId, $"It could not be saved: {e.GetBaseException().Message}");
        }
    }

    private async Task<Article> ArticleAsync(WxrItem item, string sourceId, ArticleStatus status, CancellationToken cancellationToken)
    {
        var title = item.Title.Trim();
        if (title.Length == 0)
        {
            title = "Untitled";
            report.Warn("post", sourceId, "It has no title: it is called \"Untitled\".");
        }
        else if (title.Length > 300)
        {
            title = title[..300];
            report.Warn("post", sourceId, "Its title was longer than 300 characters and was cut.");
        }
        var publishedAt = item.PostDateGmt ?? LocalDate(item.PostDate);
        if (publishedAt is null)
        {
            report.Warn("post", sourceId, "It has no date: it is dated now.");
        }
        if (!string.IsNullOrEmpty(item.Password))
        {
            report.Warn("post", sourceId, "It was protected by a password on the old site; here it is open to everyone who can see it.");
        }
        var date = publishedAt ?? now;
        var body = item.MetaValue(Export.WordPressExport.MarkdownMeta) ?? WordPressBody.ToHtml(item.Content, id => attachments.GetValueOrDefault(id),
            () => attachments.Values.Where(a => a.ParentId == item.PostId));
        body = await media.BringInAsync(body, sourceId, options, report, cancellationToken);
        var excerpt = item.MetaValue(Export.WordPressExport.MarkdownMeta) is not null ? item.Excerpt : PlainText(item.Excerpt.Length > 0 ? item.Excerpt : WordPressBody.Teaser(item.Content) ?? "");
        var article = new Article
        {
            Slug = await SlugAsync(item, title, sourceId, cancellationToken),
            Title = title,
            Excerpt = excerpt,
            BodyMarkdown = body,
            BodyHtml = ArticleMarkdown.ToHtml(body, storedImages.Find),
            BodyText = PlainText(body),
            AuthorId = await AuthorAsync(item.Creator, sourceId, cancellationToken),
            Status = status,
            CreatedAt = date,
            PublishedAt = date,
            UpdatedAt = date,
            CommentsClosed = item.CommentStatus == "closed",
            Source = ImportSources.WordPress,
            SourceId = sourceId,
        };
        if (item.MetaValue("_thumbnail_id") is { } thumbnail && long.TryParse(thumbnail, out var thumbnailId)
            && attachments.TryGetValue(thumbnailId, out var featured))
        {
            article.Image = await media.FeaturedAsync(featured, sourceId, options, report, cancellationToken);
        }
        var categoryTerms = item.Terms.Where(t => t.Domain == "category").ToList();
        if (categoryTerms.Count > 0)
        {
            article.CategoryId = await CategoryAsync(categoryTerms[0].Slug, categoryTerms[0].Name, null, cancellationToken);
        }
        // Gazette gives an article one category: the others it had are kept as tags.
        foreach (var term in item.Terms.Where(t => t.Domain == "post_tag").Concat(categoryTerms.Skip(1)).DistinctBy(t => t.Slug))
        {
            var tagId = await TagAsync(term.Slug, term.Name, cancellationToken);
            if (tagId is { } id && article.Tags.All(t => t.Id != id))
            {
                article.Tags.Add(db.TagStub(id));
            }
        }
        return article;
    }

    /// <summary>The post's date as written, in the old site's time zone, taken as UTC when WordPress wrote no GMT date.</summary>
    private static DateTime? LocalDate(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            && date.Year > 1 ? date : null;

    private async Task<int> AuthorAsync(string? login, string sourceId, CancellationToken cancellationToken)
    {
        login = string.IsNullOrWhiteSpace(login) ? "unknown" : login.Trim();
        if (!authors.TryGetValue(login, out var id))
        {
            // An author the file's list left out (WordPress lists only those with posts in the export).
            id = (await accounts.BylineAsync(login, null, null, report, cancellationToken)).AuthorId;
            authors[login] = id;
            if (login == "unknown")
            {
                report.Warn("post", sourceId, "It names no author: its byline is \"unknown\".");
            }
        }
        return id;
    }

    private async Task<int?> CategoryAsync(string wordPressSlug, string name, string? description, CancellationToken cancellationToken)
    {
        var slug = TermSlug(wordPressSlug, name);
        if (slug is null)
        {
            return null;
        }
        if (categories.TryGetValue(slug, out var id))
        {
            return id;
        }
        id = await db.Categories.Where(c => c.Slug == slug).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken) ?? 0;
        if (id == 0)
        {
            var category = new Category { Slug = slug, Name = Cut(WebUtility.HtmlDecode(name), 200), Description = description ?? "" };
            db.Categories.Add(category);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            pendingRows++;
            report.Add("category");
            id = category.Id;
        }
        else
        {
            report.Existing("category");
        }
        return categories[slug] = id;
    }

    private async Task<int?> TagAsync(string wordPressSlug, string name, CancellationToken cancellationToken)
    {
        var slug = TermSlug(wordPressSlug, name);
        if (slug is null)
        {
            return null;
        }
        if (tags.TryGetValue(slug, out var id))
        {
            return id;
        }
        id = await db.Tags.Where(t => t.Slug == slug).Select(t => (int?)t.Id).FirstOrDefaultAsync(cancellationToken) ?? 0;
        if (id == 0)
        {
            var tag = new Tag { Slug = slug, Name = Cut(WebUtility.HtmlDecode(name), 200) };
            db.Tags.Add(tag);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            pendingRows++;
            report.Add("tag");
            id = tag.Id;
        }
        else
        {
            report.Existing("tag");
        }
        return tags[slug] = id;
    }

    /// <summary>A category's or tag's slug as Gazette writes them (WordPress keeps non-ASCII ones percent-encoded).</summary>
    private static string? TermSlug(string wordPressSlug, string name)
    {
        var slug = Slug.From(Uri.UnescapeDataString(wordPressSlug));
        return slug.Length > 0 ? slug : Slug.From(name) is { Length: > 0 } fromName ? fromName : null;
    }

    private async Task<string> SlugAsync(WxrItem item, string title, string sourceId, CancellationToken cancellationToken)
    {
        var original = Uri.UnescapeDataString(item.Slug.Trim());
        var stem = Slug.From(original.Length > 0 ? original : title);
        if (stem.Length == 0)
        {
            stem = $"post-{sourceId}";
        }
        var slug = stem;
        for (var number = 2; await db.Articles.AnyAsync(a => a.Slug == slug, cancellationToken) || db.Articles.Local.Any(a => a.Slug == slug); number++)
        {
            slug = $"{stem}-{number}";
        }
        if (original.Length > 0 && slug != original)
        {
            report.SlugChanged(sourceId, original, slug);
        }
        return slug;
    }

    /// <summary>Where readers knew the post: its permalink, <c>/?p=ID</c>, its date permalinks, and the slugs it had before.</summary>
    private List<string> AddressesOf(WxrItem item, Article article)
    {
        var hosts = oldHosts.ToList();
        var addresses = new List<string?> { item.Link, item.Guid, $"/?p={item.PostId}" };
        var local = LocalDate(item.PostDate) ?? article.PublishedAt;
        foreach (var slug in item.OldSlugs.Prepend(item.Slug).Where(s => s.Length > 0))
        {
            addresses.Add($"/{local:yyyy}/{local:MM}/{local:dd}/{slug}/");
            addresses.Add($"/{local:yyyy}/{local:MM}/{slug}/");
            addresses.Add($"/{slug}/");
        }
        return addresses.Select(a => OldAddresses.KeyOf(a, hosts)).OfType<string>().ToList();
    }

    /// <summary>Featured images and galleries whose attachments came after their post in the file.</summary>
    private async Task FinishMediaAsync(CancellationToken cancellationToken)
    {
        if (laterImages.Count == 0 && laterGalleries.Count == 0)
        {
            return;
        }
        await BeginAsync(cancellationToken);
        foreach (var (articleId, attachmentId, sourceId) in laterImages)
        {
            if (!attachments.TryGetValue(attachmentId, out var attachment))
            {
                report.MediaMissing(sourceId, $"attachment {attachmentId}", "its featured image is not in the file.");
                continue;
            }
            if (await media.FeaturedAsync(attachment, sourceId, options, report, cancellationToken) is { } image)
            {
                var article = await db.Articles.FirstAsync(a => a.Id == articleId, cancellationToken);
                article.Image = image;
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        foreach (var (articleId, postId, content, sourceId) in laterGalleries)
        {
            var body = WordPressBody.ToHtml(content, id => attachments.GetValueOrDefault(id), () => attachments.Values.Where(a => a.ParentId == postId));
            body = await media.BringInAsync(body, sourceId, options, report, cancellationToken);
            var article = await db.Articles.FirstAsync(a => a.Id == articleId, cancellationToken);
            article.BodyMarkdown = body;
            article.BodyHtml = ArticleMarkdown.ToHtml(body, storedImages.Find);
            article.BodyText = PlainText(body);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
        }
        laterImages.Clear();
        laterGalleries.Clear();
    }

    /// <summary>The end of a post: its comments written, those whose parent never came under placeholders.</summary>
    private async Task FlushCommentsAsync(CancellationToken cancellationToken)
    {
        if (current is null)
        {
            return;
        }
        current = null;
        await BeginAsync(cancellationToken);
        pendingRows += await comments.WriteAsync(noMoreParents: true, cancellationToken);
        // A WordPress comment's parent is in its own post: the next posts' comments need nothing of this one's.
        comments.ForgetPlaces();
    }

    /// <summary>A WordPress comment as the comments' writer takes it; null for a ping left out.</summary>
    private IncomingComment? Incoming(WxrComment comment, string? bodyHtml)
    {
        var id = comment.Id.ToString(CultureInfo.InvariantCulture);
        if (LeftOut(comment))
        {
            report.Skip(comment.Type, id, $"A {comment.Type} from {comment.AuthorUrl ?? comment.Author}: not imported (--skip-pings).");
            return null;
        }
        var status = comment.Approved switch
        {
            "1" or "approve" => CommentStatus.Approved,
            "0" or "hold" => CommentStatus.Pending,
            "spam" => CommentStatus.Spam,
            // A comment its author deleted on a Gazette site, exported as WordPress's trash with a mark of its own.
            "trash" or "post-trashed" => comment.Meta.Any(m => m is { Key: Export.WordPressExport.StatusMeta, Value: "deleted" }) ? CommentStatus.Deleted : CommentStatus.Trashed,
            _ => (CommentStatus?)null,
        };
        if (status is null)
        {
            report.Warn("comment", id, $"Its status \"{comment.Approved}\" is not WordPress's own: it waits for a moderator.");
        }
        var createdAt = comment.DateGmt ?? LocalDate(comment.Date);
        if (createdAt is null)
        {
            report.Warn("comment", id, "It has no date: it is dated as its article.");
        }
        var date = createdAt ?? now;
        return new IncomingComment(id, comment.ParentId > 0 ? comment.ParentId.ToString(CultureInfo.InvariantCulture) : null,
            comment.Author, comment.AuthorEmail, comment.Content, status ?? CommentStatus.Pending, date,
            comment.UserId > 0 ? users.GetValueOrDefault(comment.UserId) : null,
            date >= ipsKeptSince && IPAddress.TryParse(comment.AuthorIp, out var ip) ? ipHasher.Hash(ip) : null,
            comment.Id is > 0 and <= int.MaxValue ? (int)comment.Id : null,
            AuthorUrlOf(comment), KindOf(comment), bodyHtml);
    }

    private static string PlainText(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " ")).Replace("\r", "").Trim() is var text
        ? Spaces().Replace(text, " ") : "";

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex Tags();

    [System.Text.RegularExpressions.GeneratedRegex(@"[ \t]*\n[ \t\n]*|[ \t]{2,}")]
    private static partial System.Text.RegularExpressions.Regex Spaces();

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    private async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (!options.DryRun && batch is null)
        {
            batch = await writes.BeginAsync(db, cancellationToken);
        }
    }

    private async Task CommitIfFullAsync(CancellationToken cancellationToken)
    {
        if (pendingRows >= options.BatchSize)
        {
            await CommitAsync(cancellationToken);
        }
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        // What is added but not saved yet (the last post's old addresses) goes with the batch, not away with the tracker.
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        // A sequence moved is not rolled back: a dry run leaves it.
        if (!options.DryRun)
        {
            await comments.KeepIdentityAboveAsync(cancellationToken);
        }
        if (batch is not null)
        {
            await batch.CommitAsync(cancellationToken);
            await batch.DisposeAsync();
            batch = null;
        }
        db.ChangeTracker.Clear();
        pendingRows = 0;
    }
}
