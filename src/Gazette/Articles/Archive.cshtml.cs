using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Articles;

/// <summary>The articles of one category, tag or author, newest first and paged: /category/{slug}, /tag/{slug}, /author/{slug}.</summary>
public sealed class ArchiveModel(GazetteDb db, TimeProvider clock, IOptions<SiteOptions> site) : PageModel
{
    public string Kind { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string Heading { get; private set; } = "";
    public string? Description { get; private set; }
    public Paged<ArticleSummary> Articles { get; private set; } = null!;

    public string KindLabel => Kind switch
    {
        "category" => "Section",
        "tag" => "Topic",
        _ => "Author",
    };

    public async Task<IActionResult> OnGetAsync(
        string kind, string slug, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        var published = db.Articles.AsNoTracking().Published(clock.GetUtcNow().UtcDateTime);
        var (found, articles) = kind switch
        {
            "category" => (await db.Categories.Where(c => c.Slug == slug).Select(c => new ArchiveHeading(c.Name, c.Description)).FirstOrDefaultAsync(cancellationToken),
                published.Where(a => a.Category!.Slug == slug)),
            "tag" => (await db.Tags.Where(t => t.Slug == slug).Select(t => new ArchiveHeading(t.Name, null)).FirstOrDefaultAsync(cancellationToken),
                published.Where(a => a.Tags.Any(t => t.Slug == slug))),
            _ => (await db.Authors.Where(a => a.Slug == slug).Select(a => new ArchiveHeading(a.Name, a.Bio)).FirstOrDefaultAsync(cancellationToken),
                published.Where(a => a.Author.Slug == slug || a.Bylines.Any(b => b.Author.Slug == slug))),
        };
        if (found is null)
        {
            return NotFound();
        }
        var page = await articles.NewestPageAsync(pageNumber, site.Value.ArticlesPerPage, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        (Kind, Slug, Heading, Description, Articles) = (kind, slug, found.Name, found.Description, page);
        return Page();
    }

    private sealed record ArchiveHeading(string Name, string? Description);
}
