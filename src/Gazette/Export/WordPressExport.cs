using Gazette.Articles;
using Gazette.Comments;
using Gazette.Core.Export;
using Gazette.Core.Import.WordPress;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Export;

/// <summary>
/// <c>export wordpress</c>: the site as a WordPress export (WXR 1.2) that WordPress's importer takes: authors, categories,
/// tags, every article as a post (its id as <c>wp:post_id</c>, dates in the site's time zone and in UTC) with its
/// categories, tags, featured image (an attachment named by <c>_thumbnail_id</c>), old slugs (<c>_wp_old_slug</c>) and
/// comments (parent, status, dates). What WordPress has no field for rides along as meta Gazette reads back: the Markdown
/// body (<c>_gazette_markdown</c>, the post's content being its HTML), a comment deleted by its author
/// (<c>_gazette_status</c> = deleted, in WordPress's trash). Standalone pages follow the articles as WordPress pages.
/// Articles, their tags, old slugs and comments are read as four streams in article order, each on a connection of its
/// own, and written as they come.
/// </summary>
public sealed class WordPressExport(GazetteDb db, IServiceScopeFactory scopes, IOptionsMonitor<SiteOptions> site)
{
    public const string MarkdownMeta = "_gazette_markdown";
    public const string StatusMeta = "_gazette_status";

    /// <param name="baseUrl">The site's address for links (no trailing slash): Site:BaseUrl, or the request's.</param>
    public async Task WriteAsync(Stream output, string baseUrl, CancellationToken cancellation = default)
    {
        baseUrl = baseUrl.TrimEnd('/');
        var options = site.CurrentValue;
        var zone = options.Zone;
        await using var wxr = new WxrWriter(output);
        wxr.WriteStart(new WxrSite(options.Name, baseUrl, baseUrl, baseUrl, "1.2", options.Language), $"Gazette ({typeof(WordPressExport).Assembly.GetName().Version})");

        var authors = db.Authors.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Slug, a.Name, Email = db.Users.Where(u => u.Id == a.UserId).Select(u => u.Email).FirstOrDefault() });
        await foreach (var author in authors.AsAsyncEnumerable().WithCancellation(cancellation))
        {
            wxr.Write(new WxrAuthor(author.Id, author.Slug, author.Email, author.Name, null, null));
        }
        await foreach (var category in db.Categories.AsNoTracking().OrderBy(c => c.Id).AsAsyncEnumerable().WithCancellation(cancellation))
        {
            wxr.Write(new WxrTerm(WxrTaxonomy.Category, "category", category.Id, category.Slug, category.Name, null, NullIfEmpty(category.Description)));
        }
        await foreach (var tag in db.Tags.AsNoTracking().OrderBy(t => t.Id).AsAsyncEnumerable().WithCancellation(cancellation))
        {
            wxr.Write(new WxrTerm(WxrTaxonomy.Tag, "post_tag", tag.Id, tag.Slug, tag.Name, null, null));
        }
        await wxr.FlushAsync(cancellation: cancellation);

        // WordPress numbers posts and attachments alike: a featured image takes an id past every article's.
        var attachmentIdBase = (await db.Articles.MaxAsync(a => (int?)a.Id, cancellation) ?? 0) + 1L;

        await using var tagScope = scopes.CreateAsyncScope();
        await using var slugScope = scopes.CreateAsyncScope();
        await using var commentScope = scopes.CreateAsyncScope();
        var tagDb = tagScope.ServiceProvider.GetRequiredService<GazetteDb>();
        var slugDb = slugScope.ServiceProvider.GetRequiredService<GazetteDb>();
        var commentDb = commentScope.ServiceProvider.GetRequiredService<GazetteDb>();
        await using var tags = RowsByParent.Of(
            (from a in tagDb.Articles from t in a.Tags orderby a.Id, t.Id select new { ArticleId = a.Id, t.Slug, t.Name }).AsAsyncEnumerable(),
            row => row.ArticleId);
        await using var oldSlugs = RowsByParent.Of(
            slugDb.SlugRedirects.OrderBy(r => r.ArticleId).ThenBy(r => r.Id).Select(r => new { r.ArticleId, Slug = r.OldSlug }).AsAsyncEnumerable(),
            row => row.ArticleId);
        await using var comments = new RowsByParent<int, Comment>(
            commentDb.Comments.AsNoTracking().OrderBy(c => c.ArticleId).ThenBy(c => c.Id).AsAsyncEnumerable(),
            row => row.ArticleId);

        var articles = db.Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => new
        {
            a.Id, a.Slug, a.Title, a.Excerpt, a.BodyMarkdown, a.BodyHtml, a.Status, a.PublishedAt, a.CommentsClosed, a.Image,
            AuthorSlug = a.Author.Slug,
            Category = a.Category == null ? null : new { a.Category.Slug, a.Category.Name },
        });
        await foreach (var article in articles.AsAsyncEnumerable().WithCancellation(cancellation))
        {
            var link = $"{baseUrl}/articles/{Uri.EscapeDataString(article.Slug)}";
            var terms = new List<WxrItemTerm>();
            if (article.Category is { } category)
            {
                terms.Add(new WxrItemTerm("category", category.Slug, category.Name));
            }
            await foreach (var tag in tags.OfAsync(article.Id))
            {
                terms.Add(new WxrItemTerm("post_tag", tag.Slug, tag.Name));
            }
            var meta = new List<WxrMeta>();
            var status = PostStatus(article.Status);
            if (article.Image is { } image)
            {
                var attachmentId = attachmentIdBase + article.Id;
                meta.Add(new WxrMeta("_thumbnail_id", attachmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var url = baseUrl + image.Url(FeaturedImage.Widths[^1]);
                wxr.StartItem(new WxrItem(attachmentId, "attachment", "inherit", image.Alt, url, url, article.AuthorSlug, "", "",
                    $"{article.Slug}-image", article.PublishedAt, WxrDates.Local(article.PublishedAt, zone), "closed", article.Id, 0, false, null,
                    url, [], [new WxrMeta("_wp_attachment_image_alt", image.Alt)]));
                wxr.EndItem();
            }
            await foreach (var oldSlug in oldSlugs.OfAsync(article.Id))
            {
                meta.Add(new WxrMeta("_wp_old_slug", oldSlug.Slug));
            }
            meta.Add(new WxrMeta(MarkdownMeta, article.BodyMarkdown));
            // A draft has no date yet in WordPress's eyes: its UTC date is "none", as WordPress writes it.
            var hasDate = article.Status is not (ArticleStatus.Draft or ArticleStatus.Submitted);
            wxr.StartItem(new WxrItem(article.Id, "post", status, article.Title, link, $"{baseUrl}/?p={article.Id}", article.AuthorSlug,
                article.BodyHtml, article.Excerpt, article.Slug, hasDate ? article.PublishedAt : null, WxrDates.Local(article.PublishedAt, zone),
                article.CommentsClosed ? "closed" : "open", 0, 0, false, null, null, terms, meta));
            await foreach (var comment in comments.OfAsync(article.Id))
            {
                wxr.Write(new WxrComment(article.Id, comment.Id, comment.AuthorName ?? "", comment.AuthorEmail, comment.AuthorUrl, null, comment.CreatedAt,
                    WxrDates.Local(comment.CreatedAt, zone), comment.Body, CommentApproved(comment.Status), CommentType(comment.Kind), comment.ParentId ?? 0, 0,
                    comment.Status == CommentStatus.Deleted ? [new WxrMeta(StatusMeta, "deleted")] : []));
                await wxr.FlushAsync(cancellation: cancellation);
            }
            wxr.EndItem();
            await wxr.FlushAsync(cancellation: cancellation);
        }
        await WritePagesAsync(wxr, baseUrl, zone, 2 * attachmentIdBase, cancellation);
        await wxr.EndAsync(cancellation);
    }

    /// <summary>
    /// Standalone pages as WordPress pages (which Gazette's importer makes standalone pages again), numbered past every
    /// article's and featured image's id, as WordPress numbers all its items in one sequence. A page in the footer is
    /// published with its footer order as <c>menu_order</c>; a draft is a draft.
    /// </summary>
    private async Task WritePagesAsync(WxrWriter wxr, string baseUrl, TimeZoneInfo zone, long pageIdBase, CancellationToken cancellation)
    {
        await foreach (var page in db.SitePages.AsNoTracking().OrderBy(p => p.Id).AsAsyncEnumerable().WithCancellation(cancellation))
        {
            var link = $"{baseUrl}/pages/{Uri.EscapeDataString(page.Slug)}";
            var id = pageIdBase + page.Id;
            wxr.StartItem(new WxrItem(id, "page", page.Published ? "publish" : "draft", page.Title, link, $"{baseUrl}/?page_id={id}", null,
                page.BodyHtml, "", page.Slug, page.Published ? page.CreatedAt : null, WxrDates.Local(page.CreatedAt, zone), "closed", 0, page.FooterOrder,
                false, null, null, [], [new WxrMeta(MarkdownMeta, page.BodyMarkdown)]));
            wxr.EndItem();
            await wxr.FlushAsync(cancellation: cancellation);
        }
    }

    /// <summary>An article's status as WordPress names a post's.</summary>
    public static string PostStatus(ArticleStatus status) => status switch
    {
        ArticleStatus.Published => "publish",
        ArticleStatus.Scheduled => "future",
        ArticleStatus.Submitted => "pending",
        ArticleStatus.Unpublished => "private",
        _ => "draft",
    };

    /// <summary>A comment's kind as WordPress's <c>comment_type</c>.</summary>
    private static string CommentType(CommentKind kind) => kind switch
    {
        CommentKind.Pingback => "pingback",
        CommentKind.Trackback => "trackback",
        _ => "comment",
    };

    /// <summary>A comment's status as WordPress's <c>comment_approved</c>: 1, 0 (pending), spam or trash (a comment its author deleted too).</summary>
    public static string CommentApproved(CommentStatus status) => status switch
    {
        CommentStatus.Approved => "1",
        CommentStatus.Pending => "0",
        CommentStatus.Spam => "spam",
        _ => "trash",
    };

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
