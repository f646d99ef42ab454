using Gazette.Articles;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Search;

/// <summary>
/// What every provider's search shares: the matches joined with the articles readers may see now, counted and paged,
/// best rank first (then newest), and each result's title and passage with the matched words marked. A provider
/// supplies only its two queries: <see cref="Hits"/> and <see cref="Passages"/>.
/// </summary>
internal abstract class ArticleSearch(GazetteDb db) : IArticleSearch
{
    /// <summary>Words in a passage: about two lines of a result.</summary>
    protected const int SnippetWords = 24;

    /// <summary>A one- or two-letter prefix would walk half the index for nothing a reader wants.</summary>
    protected const int MinPrefixLength = 3;

    protected GazetteDb Db => db;

    /// <summary>The ids of the articles that match, with a rank: lower is better.</summary>
    protected abstract IQueryable<Hit> Hits(SearchTerms terms);

    /// <summary>For these matching articles, the title and excerpt with marks, and a passage of the body around a match.</summary>
    protected abstract Task<Dictionary<int, Passages>> PassagesAsync(SearchTerms terms, IReadOnlyList<int> ids, CancellationToken cancellationToken);

    public async Task<Paged<SearchResult>?> SearchAsync(
        SearchTerms terms, DateTime now, int page, int pageSize, CancellationToken cancellationToken)
    {
        var hits =
            from hit in Hits(terms)
            join article in db.Articles.Published(now) on hit.Id equals article.Id
            select new { hit.Id, hit.Rank, article.PublishedAt };

        var total = await hits.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        if (page < 1 || page > pageCount)
        {
            return null;
        }
        var ids = await hits.OrderBy(h => h.Rank).ThenByDescending(h => h.PublishedAt).ThenByDescending(h => h.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(h => h.Id)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return new Paged<SearchResult>([], page, pageCount, total);
        }

        // Highlights and snippets only for the page's own articles: they are the costly part.
        var passages = await PassagesAsync(terms, ids, cancellationToken);
        var summaries = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(ArticleSummary.FromArticle)
            .ToDictionaryAsync(a => a.Id, cancellationToken);

        var results = ids.Where(summaries.ContainsKey).Select(id =>
        {
            var found = passages.GetValueOrDefault(id);
            var title = HighlightedText.Parse(found?.Title ?? summaries[id].Title);
            var body = HighlightedText.Parse(found?.Body);
            var excerpt = HighlightedText.Parse(found?.Excerpt ?? summaries[id].Excerpt);
            // The passage that holds a matched word; for a match in the title alone, the excerpt.
            var snippet = body.HasMarks && !excerpt.HasMarks ? body : excerpt.Parts.Count > 0 ? excerpt : body;
            return new SearchResult(summaries[id], title, snippet);
        }).ToList();
        return new Paged<SearchResult>(results, page, pageCount, total);
    }

    /// <summary>The markers as strings, for SQL parameters.</summary>
    protected static class Mark
    {
        public static readonly string Open = HighlightedText.Open.ToString();
        public static readonly string Close = HighlightedText.Close.ToString();
    }

    protected sealed record Hit(int Id, double Rank);

    protected sealed record Passages(int Id, string? Title, string? Excerpt, string? Body);
}
