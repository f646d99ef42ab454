using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Core.Xml;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Feeds;

/// <summary>
/// What machines read: RSS 2.0 and Atom feeds of the articles (the site's, and each category's, tag's and author's),
/// comment feeds (each article's and the site's), the sitemap (with featured images), the Google News sitemap and robots.txt. Built with System.ServiceModel.Syndication.
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
        routes.MapGet("/news-sitemap.xml", NewsSitemap);
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
                $"/author/{slug}", published.Where(a => a.Author.Slug == slug || a.Bylines.Any(b => b.Author.Slug == slug))),
        };
        if (title is null)
        {
            return TypedResults.NotFound();
        }
        var items = await articles
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(FeedSize)
            .Select(a => new
            {
                a.Slug, a.Title, a.Excerpt, a.BodyHtml, a.PublishedAt, a.UpdatedAt, Author = a.Author.Name, Category = a.Category == null ? null : a.Category.Name,
                Bylines = a.Bylines.OrderBy(b => b.Position).Select(b => b.Author.Name).ToList(),
            })
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
                // One author element per byline, in order.
                foreach (var name in a.Bylines.Count > 0 ? a.Bylines : [a.Author])
                {
                    item.Authors.Add(new SyndicationPerson { Name = name });
                }
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

    private static readonly XNamespace SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace ImageNs = "http://www.google.com/schemas/sitemap-image/1.1";
    private static readonly XNamespace NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

    /// <summary>The Google News sitemap takes the articles of the last two days, and at most this many.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);
    public const int NewsSitemapSize = 1000;

    /// <summary>
    /// Every public article, the home page and the categories. An article's lastmod is the later of its own last
    /// update and the newest comment shown under it (written or edited): the discussion is part of the page and of its
    /// structured data, so a new comment is a change a crawler should see. Votes are not. The home page's lastmod is
    /// the latest of them all. Each article with a featured image lists it (its largest width) for image search.
    /// </summary>
    internal static async Task<FileContentHttpResult> Sitemap(FeedContext context, CancellationToken cancellationToken)
    {
        var lastComments = context.Db.Comments.AsNoTracking()
            .Where(c => c.Status == CommentStatus.Approved)
            .GroupBy(c => c.ArticleId)
            .Select(g => new { ArticleId = g.Key, At = g.Max(c => c.EditedAt > c.CreatedAt ? c.EditedAt!.Value : c.CreatedAt) });
        var articles = await context.Db.Articles.AsNoTracking().Published(context.Now)
            .OrderByDescending(a => a.PublishedAt)
            .GroupJoin(lastComments, a => a.Id, c => c.ArticleId, (a, c) => new { a, c })
            .SelectMany(x => x.c.DefaultIfEmpty(), (x, c) => new
            {
                x.a.Slug,
                x.a.UpdatedAt,
                LastComment = c == null ? (DateTime?)null : c.At,
                ImagePath = x.a.Image == null ? null : x.a.Image.Path,
                ImageKind = x.a.Image == null ? Gazette.Core.Media.ImageKind.Jpeg : x.a.Image.Kind,
            })
            .ToListAsync(cancellationToken);
        var categories = await context.Db.Categories.AsNoTracking().OrderBy(c => c.Slug).Select(c => c.Slug).ToListAsync(cancellationToken);
        var pages = await context.Db.SitePages.AsNoTracking().Where(p => p.Published).OrderBy(p => p.Slug)
            .Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(cancellationToken);
        var changed = articles.Select(a => (a.Slug,
            Image: a.ImagePath is null ? null : Gazette.Core.Media.MediaRenditions.Url(a.ImagePath, FeaturedImage.Widths[^1], a.ImageKind), At: a.LastComment > a.UpdatedAt ? a.LastComment.Value : a.UpdatedAt)).ToList();
        var latest = changed.Count == 0 ? context.Now : changed.Max(a => a.At);
        var urls = new[] { Url("/", latest, null) }
            .Concat(categories.Select(slug => Url($"/category/{slug}", null, null)))
            .Concat(pages.Select(page => Url($"/pages/{page.Slug}", page.UpdatedAt, null)))
            .Concat(changed.Select(a => Url($"/articles/{a.Slug}", a.At, a.Image)));
        return Xml(new XElement(SitemapNs + "urlset", new XAttribute(XNamespace.Xmlns + "image", ImageNs), urls));

        XElement Url(string path, DateTime? lastModified, string? image) => new(SitemapNs + "url",
            new XElement(SitemapNs + "loc", context.Url(path).AbsoluteUri),
            lastModified is { } at ? new XElement(SitemapNs + "lastmod", DisplayDates.Machine(at)) : null,
            image is null ? null : new XElement(ImageNs + "image",
                new XElement(ImageNs + "loc", context.Url(image).AbsoluteUri)));
    }

    /// <summary>
    /// The Google News sitemap: articles published in the last 48 hours, newest first, at most 1000, each with the
    /// publication's name and language, its publication date (W3C format, UTC) and its title.
    /// </summary>
    internal static async Task<FileContentHttpResult> NewsSitemap(FeedContext context, CancellationToken cancellationToken)
    {
        var since = context.Now - NewsWindow;
        var articles = await context.Db.Articles.AsNoTracking().Published(context.Now)
            .Where(a => a.PublishedAt >= since)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(NewsSitemapSize)
            .Select(a => new { a.Slug, a.Title, a.PublishedAt })
            .ToListAsync(cancellationToken);
        var language = NewsLanguage(context.Site.Language);
        var urls = articles.Select(a => new XElement(SitemapNs + "url",
            new XElement(SitemapNs + "loc", context.Url($"/articles/{a.Slug}").AbsoluteUri),
            new XElement(NewsNs + "news",
                new XElement(NewsNs + "publication",
                    new XElement(NewsNs + "name", context.Site.Name),
                    new XElement(NewsNs + "language", language)),
                new XElement(NewsNs + "publication_date", DisplayDates.Machine(a.PublishedAt)),
                new XElement(NewsNs + "title", a.Title))));
        return Xml(new XElement(SitemapNs + "urlset", new XAttribute(XNamespace.Xmlns + "news", NewsNs), urls));
    }

    /// <summary>Google News takes an ISO 639 code of two or three letters (zh-cn and zh-tw for Chinese), not a full language tag.</summary>
    public static string NewsLanguage(string? language)
    {
        var tag = string.IsNullOrWhiteSpace(language) ? "en" : language.Trim().ToLowerInvariant().Replace('_', '-');
        if (tag is "zh-cn" or "zh-hans" or "zh-hans-cn" or "zh-sg")
        {
            return "zh-cn";
        }
        if (tag is "zh-tw" or "zh-hant" or "zh-hant-tw" or "zh-hk")
        {
            return "zh-tw";
        }
        var primary = tag.Split('-')[0];
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetterLower) ? primary : "en";
    }

    private static FileContentHttpResult Xml(XElement root)
    {
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        using var buffer = new MemoryStream();
        using (var writer = WellFormedXmlWriter.Open(buffer, XmlSettings))
        {
            document.Save(writer);
        }
        return TypedResults.File(buffer.ToArray(), "application/xml; charset=utf-8");
    }

    internal static ContentHttpResult Robots(FeedContext context) => TypedResults.Text(
        "User-agent: *\nDisallow: /account/\nDisallow: /api/\nDisallow: /comments/\nAllow: /comments/feed\n\n" +
        $"Sitemap: {context.Url("/sitemap.xml").AbsoluteUri}\nSitemap: {context.Url("/news-sitemap.xml").AbsoluteUri}\n",
        "text/plain; charset=utf-8");

    /// <summary>
    /// Every XML document here is written through <see cref="WellFormedXmlWriter"/>: a comment, a name or a title may
    /// hold a character XML forbids (stored as typed), and one such comment must not take a feed down.
    /// </summary>
    private static readonly XmlWriterSettings XmlSettings = new() { Encoding = new UTF8Encoding(false) };

    private static FileContentHttpResult Write(SyndicationFeed feed, bool atom)
    {
        using var buffer = new MemoryStream();
        using (var writer = WellFormedXmlWriter.Open(buffer, XmlSettings))
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
