using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Feeds;

/// <summary>
/// What machines read: RSS 2.0 and Atom feeds of the articles (the site's, and each category's, tag's and author's),
/// comment feeds (each article's and the site's), the sitemap and robots.txt. Built with System.ServiceModel.Syndication.
/// </summary>
public static class FeedsEndpoints
{
    public const int FeedSize = 20;
    public const int CommentFeedSize = 50;
    private const string Archive = "{kind:regex(^(category|tag|author)$)}/{slug}";

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/feed", (FeedContext c, CancellationToken ct) => ArticlesFeed(c, null, null, atom: false, ct));
        routes.MapGet("/feed/atom", (FeedContext c, CancellationToken ct) => ArticlesFeed(c, null, null, atom: true, ct));
        routes.MapGet($"/{Archive}/feed", (string kind, string slug, FeedContext c, CancellationToken ct) => ArticlesFeed(c, kind, slug, atom: false, ct));
        routes.MapGet($"/{Archive}/feed/atom", (string kind, string slug, FeedContext c, CancellationToken ct) => ArticlesFeed(c, kind, slug, atom: true, ct));
        routes.MapGet("/comments/feed", (FeedContext c, CancellationToken ct) => CommentsFeed(c, null, ct));
        routes.MapGet("/articles/{slug}/comments/feed", (string slug, FeedContext c, CancellationToken ct) => CommentsFeed(c, slug, ct));
        routes.MapGet("/sitemap.xml", Sitemap);
        routes.MapGet("/robots.txt", Robots);
        return routes;
    }

    /// <summary>What every feed needs, resolved once per request.</summary>
    public sealed class FeedContext(GazetteDb db, TimeProvider clock, IOptions<SiteOptions> site, IHttpContextAccessor http)
    {
        public GazetteDb Db { get; } = db;
        public DateTime Now { get; } = clock.GetUtcNow().UtcDateTime;
        public SiteOptions Site { get; } = site.Value;
        public HttpRequest Request { get; } = http.HttpContext!.Request;

        public Uri Url(string path) => new(Site.AbsoluteUrl(Request, path));
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> ArticlesFeed(
        FeedContext context, string? kind, string? slug, bool atom, CancellationToken cancellationToken)
    {
        var published = context.Db.Articles.AsNoTracking().Published(context.Now);
        var (title, path, articles) = (kind, slug) switch
        {
            (null, _) => (context.Site.Name, "/", published),
            ("category", _) => (await context.Db.Categories.Where(c => c.Slug == slug).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken),
                $"/category/{slug}", published.Where(a => a.Category!.Slug == slug)),
            ("tag", _) => (await context.Db.Tags.Where(t => t.Slug == slug).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken),
                $"/tag/{slug}", published.Where(a => a.Tags.Any(t => t.Slug == slug))),
            _ => (await context.Db.Authors.Where(a => a.Slug == slug).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken),
                $"/author/{slug}", published.Where(a => a.Author.Slug == slug)),
        };
        if (title is null)
        {
            return TypedResults.NotFound();
        }
        var items = await articles
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(FeedSize)
            .Select(a => new { a.Slug, a.Title, a.Excerpt, a.BodyHtml, a.PublishedAt, a.UpdatedAt, Author = a.Author.Name, Category = a.Category == null ? null : a.Category.Name })
            .ToListAsync(cancellationToken);

        var feed = new SyndicationFeed(
            kind is null ? context.Site.Name : $"{title} – {context.Site.Name}", context.Site.Tagline, context.Url(path))
        {
            Id = context.Url(path).AbsoluteUri,
            LastUpdatedTime = items.Count == 0 ? context.Now : items.Max(i => i.UpdatedAt),
            Items = items.Select(a =>
            {
                var link = context.Url($"/articles/{a.Slug}");
                var item = new SyndicationItem(a.Title, SyndicationContent.CreateHtmlContent(a.BodyHtml), link, link.AbsoluteUri, a.UpdatedAt)
                {
                    PublishDate = a.PublishedAt,
                    Summary = new TextSyndicationContent(a.Excerpt),
                };
                item.Authors.Add(new SyndicationPerson { Name = a.Author });
                if (a.Category is not null)
                {
                    item.Categories.Add(new SyndicationCategory(a.Category));
                }
                return item;
            }).ToList(),
        };
        return Write(feed, atom);
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> CommentsFeed(
        FeedContext context, string? articleSlug, CancellationToken cancellationToken)
    {
        var articles = context.Db.Articles.AsNoTracking().Published(context.Now);
        if (articleSlug is not null)
        {
            articles = articles.Where(a => a.Slug == articleSlug);
            if (!await articles.AnyAsync(cancellationToken))
            {
                return TypedResults.NotFound();
            }
        }
        var comments = await context.Db.Comments.AsNoTracking()
            .Where(c => c.Status == CommentStatus.Approved)
            .Join(articles, c => c.ArticleId, a => a.Id, (c, a) => new { c.Id, c.AuthorName, c.BodyHtml, c.CreatedAt, c.EditedAt, a.Title })
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(CommentFeedSize)
            .ToListAsync(cancellationToken);
        var path = articleSlug is null ? "/" : $"/articles/{articleSlug}";
        var feed = new SyndicationFeed($"Comments – {context.Site.Name}", context.Site.Tagline, context.Url(path))
        {
            Id = context.Url(path + (articleSlug is null ? "comments" : "/comments")).AbsoluteUri,
            LastUpdatedTime = comments.Count == 0 ? context.Now : comments.Max(c => c.EditedAt ?? c.CreatedAt),
            Items = comments.Select(c =>
            {
                var author = string.IsNullOrWhiteSpace(c.AuthorName) ? CommentView.AnonymousName : c.AuthorName;
                var link = context.Url($"/comments/{c.Id}");
                var item = new SyndicationItem($"{author} on {c.Title}", SyndicationContent.CreateHtmlContent(c.BodyHtml), link, link.AbsoluteUri,
                    c.EditedAt ?? c.CreatedAt) { PublishDate = c.CreatedAt };
                item.Authors.Add(new SyndicationPerson { Name = author });
                return item;
            }).ToList(),
        };
        return Write(feed, atom: false);
    }

    internal static async Task<FileContentHttpResult> Sitemap(FeedContext context, CancellationToken cancellationToken)
    {
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var articles = await context.Db.Articles.AsNoTracking().Published(context.Now)
            .OrderByDescending(a => a.PublishedAt)
            .Select(a => new { a.Slug, a.UpdatedAt })
            .ToListAsync(cancellationToken);
        var categories = await context.Db.Categories.AsNoTracking().Select(c => c.Slug).ToListAsync(cancellationToken);
        var latest = articles.Count == 0 ? context.Now : articles.Max(a => a.UpdatedAt);
        var urls = new[] { Url("/", latest) }
            .Concat(categories.Select(slug => Url($"/category/{slug}", null)))
            .Concat(articles.Select(a => Url($"/articles/{a.Slug}", a.UpdatedAt)));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(ns + "urlset", urls));
        await using var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true }))
        {
            await document.SaveAsync(writer, cancellationToken);
        }
        return TypedResults.File(buffer.ToArray(), "application/xml; charset=utf-8");

        XElement Url(string path, DateTime? lastModified) => new(ns + "url",
            new XElement(ns + "loc", context.Url(path).AbsoluteUri),
            lastModified is { } at ? new XElement(ns + "lastmod", DisplayDates.Machine(at)) : null);
    }

    internal static ContentHttpResult Robots(FeedContext context) => TypedResults.Text(
        $"User-agent: *\nDisallow: /account/\nDisallow: /api/\nDisallow: /comments/\nAllow: /comments/feed\n\nSitemap: {context.Url("/sitemap.xml").AbsoluteUri}\n",
        "text/plain; charset=utf-8");

    private static FileContentHttpResult Write(SyndicationFeed feed, bool atom)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            if (atom)
            {
                feed.SaveAsAtom10(writer);
            }
            else
            {
                feed.SaveAsRss20(writer);
            }
        }
        return TypedResults.File(buffer.ToArray(), atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
    }
}
