using Gazette.Articles;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Search;

/// <summary>/search?q=…&amp;page=N: published articles matching the reader's words, best first, paged.</summary>
[AcceptsNulInQuery]
public sealed class SearchPageModel(IArticleSearch search, TimeProvider clock, IOptions<SiteOptions> site) : PageModel
{
    /// <summary>What the reader typed (trimmed to the longest query kept), shown again in the search box.</summary>
    public string Query { get; private set; } = "";

    public SearchTerms Terms { get; private set; } = SearchTerms.None;
    public Paged<SearchResult>? Results { get; private set; }

    public int PageSize => site.Value.ArticlesPerPage;

    public string BasePath => $"/search?q={Uri.EscapeDataString(Query)}";

    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "q")] string? query, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        Terms = SearchTerms.Parse(query);
        Query = Terms.Text;
        if (Terms.IsEmpty)
        {
            return Page();
        }
        Results = await search.SearchAsync(Terms, clock.GetUtcNow().UtcDateTime, pageNumber, PageSize, cancellationToken);
        return Results is null ? NotFound() : Page();
    }
}
