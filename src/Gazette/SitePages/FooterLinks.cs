using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.SitePages;

/// <summary>A link in the site's footer to a published standalone page.</summary>
public sealed record FooterLink(string Slug, string Title);

/// <summary>
/// The footer's links, read when a page is rendered: pages come from the page cache far more often than they are
/// rendered, and a query on a small indexed table costs less than keeping a copy right on every instance.
/// </summary>
public sealed class FooterLinks(GazetteDb db)
{
    private static readonly CompiledQuery<Func<GazetteDb, IAsyncEnumerable<FooterLink>>> Query = new(() => EF.CompileAsyncQuery(
        (GazetteDb db) => db.SitePages.Where(p => p.InFooter && p.Published)
            .OrderBy(p => p.FooterOrder).ThenBy(p => p.Title)
            .Select(p => new FooterLink(p.Slug, p.Title))));

    public async Task<IReadOnlyList<FooterLink>> GetAsync(CancellationToken cancellationToken)
    {
        var links = new List<FooterLink>();
        await foreach (var link in Query.For(db)(db).WithCancellation(cancellationToken))
        {
            links.Add(link);
        }
        return links;
    }
}
