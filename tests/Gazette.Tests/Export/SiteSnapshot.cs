using System.Globalization;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Core.Export;
using Gazette.Core.Import.WordPress;
using Gazette.Core.Xml;
using Gazette.Data;
using Gazette.Export;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Export;

/// <summary>An article as a reader and an importer see it: by its key (its id, or the id of its source), with what an export carries.</summary>
public sealed record ArticleSnapshot(
    long Key, string Slug, string Title, ArticleStatus Status, DateTime PublishedAt, string Excerpt, string BodyHtml, string BodyMarkdown,
    string Author, string? Category, string Tags, bool CommentsClosed, string OldSlugs, string? ImageAlt);

/// <summary>A comment by its key, under its article's key and its parent's (0 at the top).</summary>
public sealed record CommentSnapshot(long Key, long ArticleKey, long ParentKey, CommentStatus Status, string Name, string? Email, string Body, DateTime CreatedAt);

/// <summary>A standalone page by its slug (its id does not survive a WordPress export: WordPress numbers pages with posts).</summary>
public sealed record PageSnapshot(string Slug, string Title, bool Published, string BodyMarkdown, string BodyHtml, int FooterOrder, DateTime CreatedAt);

/// <summary>
/// A site as its articles, comments and standalone pages, compared field by field: the same site exported and read back (or, once the
/// importer lands, imported into an empty Gazette) gives the same snapshot. Times to the second, as WordPress keeps
/// them; texts as XML can carry them (<see cref="XmlCharacters.Clean"/>) when the other side went through XML.
/// </summary>
public sealed record SiteSnapshot(IReadOnlyList<ArticleSnapshot> Articles, IReadOnlyList<CommentSnapshot> Comments, IReadOnlyList<PageSnapshot> Pages)
{
    /// <param name="bySource">Key by the source id an import kept (an imported site), rather than by id.</param>
    /// <param name="withoutPlaceholders">Leave out the placeholders an import put where a parent was missing or in the trash.</param>
    public static async Task<SiteSnapshot> OfSiteAsync(GazetteDb db, bool bySource = false, bool withoutPlaceholders = false)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var articles = await db.Articles.AsNoTracking().Include(a => a.Author).Include(a => a.Category).Include(a => a.Tags)
            .OrderBy(a => a.Id).ToListAsync(cancellation);
        var redirects = (await db.SlugRedirects.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellation)).ToLookup(r => r.ArticleId, r => r.OldSlug);
        var comments = await db.Comments.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellation);
        var shown = withoutPlaceholders ? comments.Where(c => c.Source?.EndsWith("-placeholder", StringComparison.Ordinal) != true).ToList() : comments;
        var articleKeys = articles.ToDictionary(a => a.Id, a => bySource ? long.Parse(a.SourceId!, CultureInfo.InvariantCulture) : a.Id);
        var pages = await db.SitePages.AsNoTracking().OrderBy(p => p.Slug).ToListAsync(cancellation);
        var commentKeys = comments.ToDictionary(c => c.Id, c => bySource ? long.Parse(c.SourceId!, CultureInfo.InvariantCulture) : c.Id);
        return new SiteSnapshot(
            articles.Select(a => new ArticleSnapshot(articleKeys[a.Id], a.Slug, a.Title, a.Status, Second(a.PublishedAt), a.Excerpt, a.BodyHtml,
                a.BodyMarkdown, a.Author.Slug, a.Category?.Slug, string.Join(" ", a.Tags.Select(t => t.Slug).Order(StringComparer.Ordinal)),
                a.CommentsClosed, string.Join(" ", redirects[a.Id]), a.Image?.Alt)).OrderBy(a => a.Key).ToList(),
            shown.Select(c => new CommentSnapshot(commentKeys[c.Id], articleKeys[c.ArticleId], c.ParentId is { } parent ? commentKeys[parent] : 0,
                c.Status, c.AuthorName ?? "", string.IsNullOrWhiteSpace(c.AuthorEmail) ? null : c.AuthorEmail, c.Body, Second(c.CreatedAt)))
                .OrderBy(c => c.Key).ToList(),
            pages.Select(p => new PageSnapshot(p.Slug, p.Title, p.Published, p.BodyMarkdown, p.BodyHtml, p.FooterOrder, Second(p.CreatedAt)))
                .OrderBy(p => p.Slug, StringComparer.Ordinal).ToList());
    }

    /// <summary>What a Gazette export for WordPress says of the site, read with the importer's own reader.</summary>
    public static SiteSnapshot OfWordPressExport(Stream wxr, TimeZoneInfo zone)
    {
        var articles = new List<ArticleSnapshot>();
        var comments = new List<CommentSnapshot>();
        var pages = new List<PageSnapshot>();
        var attachmentAlts = new Dictionary<long, string>();
        foreach (var record in WxrReader.Read(wxr))
        {
            switch (record)
            {
                case WxrProblem problem:
                    Assert.Fail($"The export has a record WxrReader cannot read: {problem}");
                    break;
                case WxrItem { PostType: "attachment" } attachment:
                    attachmentAlts[attachment.PostId] = attachment.MetaValue("_wp_attachment_image_alt") ?? "";
                    break;
                case WxrItem { PostType: "page" } page:
                    pages.Add(new PageSnapshot(page.Slug, page.Title, page.Status == "publish", page.MetaValue(WordPressExport.MarkdownMeta) ?? "", page.Content,
                        page.MenuOrder, page.PostDateGmt ?? LocalDate(page.PostDate!, zone)));
                    break;
                case WxrItem item:
                    var published = item.PostDateGmt ?? LocalDate(item.PostDate!, zone);
                    var thumbnail = item.MetaValue("_thumbnail_id") is { } id ? attachmentAlts[long.Parse(id, CultureInfo.InvariantCulture)] : null;
                    articles.Add(new ArticleSnapshot(item.PostId, item.Slug, item.Title, ArticleStatusOf(item.Status), published, item.Excerpt, item.Content,
                        item.MetaValue(WordPressExport.MarkdownMeta) ?? "", item.Creator ?? "",
                        item.Terms.Where(t => t.Domain == "category").Select(t => t.Slug).SingleOrDefault(),
                        string.Join(" ", item.Terms.Where(t => t.Domain == "post_tag").Select(t => t.Slug).Order(StringComparer.Ordinal)),
                        item.CommentStatus == "closed", string.Join(" ", item.OldSlugs), thumbnail));
                    break;
                case WxrComment comment:
                    var deleted = comment.Meta.Any(m => m.Key == WordPressExport.StatusMeta && m.Value == "deleted");
                    comments.Add(new CommentSnapshot(comment.Id, comment.PostId, comment.ParentId, deleted ? CommentStatus.Deleted : CommentStatusOf(comment.Approved),
                        comment.Author, comment.AuthorEmail, comment.Content, comment.DateGmt!.Value));
                    break;
            }
        }
        return new SiteSnapshot(articles.OrderBy(a => a.Key).ToList(), comments.OrderBy(c => c.Key).ToList(), pages.OrderBy(p => p.Slug, StringComparer.Ordinal).ToList());
    }

    /// <summary>This snapshot with every text as XML 1.0 can carry it: what an export through XML must give back.</summary>
    public SiteSnapshot AsXmlCarriesIt() => new(
        Articles.Select(a => a with
        {
            Slug = XmlCharacters.Clean(a.Slug), Title = XmlCharacters.Clean(a.Title), Excerpt = XmlCharacters.Clean(a.Excerpt),
            BodyHtml = XmlCharacters.Clean(a.BodyHtml), BodyMarkdown = XmlCharacters.Clean(a.BodyMarkdown), ImageAlt = a.ImageAlt is null ? null : XmlCharacters.Clean(a.ImageAlt),
        }).ToList(),
        Comments.Select(c => c with
        {
            Name = XmlCharacters.Clean(c.Name), Email = c.Email is null ? null : XmlCharacters.Clean(c.Email), Body = XmlCharacters.Clean(c.Body),
        }).ToList(),
        Pages.Select(p => p with
        {
            Title = XmlCharacters.Clean(p.Title), BodyMarkdown = XmlCharacters.Clean(p.BodyMarkdown), BodyHtml = XmlCharacters.Clean(p.BodyHtml),
        }).ToList());

    /// <summary>
    /// Asserts both have the same articles, comments and pages; when not, says which fields differ, how often, and the
    /// first record where each does.
    /// </summary>
    public static void AssertSame(SiteSnapshot expected, SiteSnapshot actual)
    {
        Assert.Equal(expected.Articles.Select(a => a.Key), actual.Articles.Select(a => a.Key));
        Assert.Equal(expected.Comments.Select(c => c.Key), actual.Comments.Select(c => c.Key));
        Assert.Equal(expected.Pages.Select(p => p.Slug), actual.Pages.Select(p => p.Slug));
        var differences = Differences("article", expected.Articles, actual.Articles, a => a.Key.ToString(CultureInfo.InvariantCulture))
            .Concat(Differences("comment", expected.Comments, actual.Comments, c => c.Key.ToString(CultureInfo.InvariantCulture)))
            .Concat(Differences("page", expected.Pages, actual.Pages, p => p.Slug))
            .ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    private static IEnumerable<string> Differences<T>(string kind, IReadOnlyList<T> expected, IReadOnlyList<T> actual, Func<T, string> key)
    {
        foreach (var property in typeof(T).GetProperties())
        {
            var differing = expected.Zip(actual).Where(pair => !Equals(property.GetValue(pair.First), property.GetValue(pair.Second))).ToList();
            if (differing.Count > 0)
            {
                var (want, got) = differing[0];
                yield return $"{kind} {property.Name} differs in {differing.Count} of {expected.Count}, first in {kind} {key(want)}:"
                    + $"\n  expected {Escaped(property.GetValue(want)?.ToString() ?? "null", 300)}\n  actual   {Escaped(property.GetValue(got)?.ToString() ?? "null", 300)}";
            }
        }
    }

    private static string Escaped(string text, int length) => Escaped(text.Length > length ? text[..length] + "…" : text);

    private static string Escaped(string text) => string.Concat(text.Select(c => c < ' ' || char.IsSurrogate(c) || c > '\uFFFC' ? $"\\u{(int)c:X4}" : c.ToString()));

    private static DateTime LocalDate(string local, TimeZoneInfo zone) => DateTime.SpecifyKind(
        TimeZoneInfo.ConvertTimeToUtc(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), zone), DateTimeKind.Utc);

    private static DateTime Second(DateTime time) =>
        new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static ArticleStatus ArticleStatusOf(string wordPress) => wordPress switch
    {
        "publish" => ArticleStatus.Published,
        "future" => ArticleStatus.Scheduled,
        "pending" => ArticleStatus.Submitted,
        "private" => ArticleStatus.Unpublished,
        _ => ArticleStatus.Draft,
    };

    private static CommentStatus CommentStatusOf(string approved) => approved switch
    {
        "1" => CommentStatus.Approved,
        "0" => CommentStatus.Pending,
        "spam" => CommentStatus.Spam,
        _ => CommentStatus.Trashed,
    };
}
