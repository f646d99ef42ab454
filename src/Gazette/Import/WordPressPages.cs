using Gazette.Core.Import.WordPress;
using Gazette.Core.Text;
using Gazette.SitePages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Import;

/// <summary>
/// WordPress pages (About, Contact, a comment policy) become standalone pages at <c>/pages/{slug}</c>, keeping
/// WordPress's slug; their old addresses (<c>/about/</c>, a child's <c>/about/policy/</c>, <c>/?page_id=ID</c>) are
/// answered by <see cref="OldAddressRedirects"/>. Published ones stay published; drafts,
/// pending and private ones come in as drafts; trashed ones are listed. None goes in the footer: editors choose.
/// </summary>
public sealed partial class WordPressImport
{
    private async Task PageAsync(WxrItem item, string sourceId, CancellationToken cancellationToken)
    {
        if (item.Status == "trash")
        {
            report.Skip("page", sourceId, $"\"{item.Title}\" is in the trash.");
            return;
        }
        await BeginAsync(cancellationToken);
        if (await db.SitePages.AnyAsync(p => p.Source == ImportSources.WordPress && p.SourceId == sourceId, cancellationToken))
        {
            report.Existing("page");
            return;
        }
        var title = item.Title.Trim() is { Length: > 0 } given ? given : "Untitled";
        if (title.Length > SitePage.MaxTitleLength)
        {
            title = title[..SitePage.MaxTitleLength];
            report.Warn("page", sourceId, $"Its title was longer than {SitePage.MaxTitleLength} characters and was cut.");
        }
        var body = item.MetaValue(Export.WordPressExport.MarkdownMeta) ?? WordPressBody.ToHtml(item.Content, id => attachments.GetValueOrDefault(id), () => attachments.Values.Where(a => a.ParentId == item.PostId));
        body = await media.BringInAsync(body, sourceId, options, report, cancellationToken);
        var date = item.PostDateGmt ?? LocalDate(item.PostDate) ?? now;
        var page = new SitePage
        {
            Slug = await PageSlugAsync(item, title, sourceId, cancellationToken),
            Title = title,
            BodyMarkdown = body,
            BodyHtml = ArticleMarkdown.ToHtml(body),
            Published = item.Status == "publish" && string.IsNullOrEmpty(item.Password),
            FooterOrder = item.MenuOrder,
            CreatedAt = date,
            UpdatedAt = date,
            Source = ImportSources.WordPress,
            SourceId = sourceId,
        };
        if (item.Status == "publish" && !string.IsNullOrEmpty(item.Password))
        {
            report.Warn("page", sourceId, "It was protected by a password on the old site: it comes in as a draft.");
        }
        db.SitePages.Add(page);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        pendingRows++;
        report.Add("page", page.Published ? "published" : "draft");
    }

    private async Task<string> PageSlugAsync(WxrItem item, string title, string sourceId, CancellationToken cancellationToken)
    {
        var original = Uri.UnescapeDataString(item.Slug.Trim());
        var stem = Slug.From(original.Length > 0 ? original : title) is { Length: > 0 } s ? s : $"page-{sourceId}";
        var slug = stem;
        for (var number = 2; await db.SitePages.AnyAsync(p => p.Slug == slug, cancellationToken); number++)
        {
            slug = $"{stem}-{number}";
        }
        if (original.Length > 0 && slug != original)
        {
            report.SlugChanged(sourceId, original, slug);
        }
        return slug;
    }
}
