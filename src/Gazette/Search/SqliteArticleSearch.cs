using Gazette.Articles;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Search;

/// <summary>
/// Search with SQLite FTS5: the ArticleSearch index (title, excerpt, plain body; diacritics folded) ranked by bm25
/// with the title weighing most, joined with the articles readers may see now.
/// </summary>
internal sealed class SqliteArticleSearch(GazetteDb db) : IArticleSearch
{
    // bm25 weights of ArticleSearch's columns, in order: Title, Excerpt, BodyText.
    private const double TitleWeight = 10, ExcerptWeight = 4, BodyWeight = 1;
    private const int SnippetTokens = 24;

    public async Task<Paged<SearchResult>?> SearchAsync(
        SearchTerms terms, DateTime now, int page, int pageSize, CancellationToken cancellationToken)
    {
        var match = MatchExpression(terms);
        var hits =
            from hit in db.Database.SqlQuery<Hit>($"""
                SELECT rowid AS Id, bm25(ArticleSearch, {TitleWeight}, {ExcerptWeight}, {BodyWeight}) AS Rank
                FROM ArticleSearch WHERE ArticleSearch MATCH {match}
                """)
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
        var passages = await db.Database.SqlQuery<Passages>($"""
                SELECT rowid AS Id,
                    highlight(ArticleSearch, 0, {Mark.Open}, {Mark.Close}) AS Title,
                    highlight(ArticleSearch, 1, {Mark.Open}, {Mark.Close}) AS Excerpt,
                    snippet(ArticleSearch, 2, {Mark.Open}, {Mark.Close}, '…', {SnippetTokens}) AS Body
                FROM ArticleSearch WHERE ArticleSearch MATCH {match}
                """)
            .Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
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

    /// <summary>
    /// The reader's words as an FTS5 query: each one a quoted string (inner quotes doubled), so that no operator,
    /// column filter or syntax error can come from what they typed; all must match; the last may be a word's start
    /// when it has a few letters (a one-letter prefix would walk half the index for nothing a reader wants).
    /// </summary>
    internal static string MatchExpression(SearchTerms terms) =>
        string.Join(" ", terms.Words.Select((word, i) =>
            $"\"{word.Replace("\"", "\"\"", StringComparison.Ordinal)}\"{(i == terms.Words.Count - 1 && word.Length >= MinPrefixLength ? "*" : "")}"));

    private const int MinPrefixLength = 3;

    private static class Mark
    {
        public static readonly string Open = HighlightedText.Open.ToString();
        public static readonly string Close = HighlightedText.Close.ToString();
    }

    private sealed record Hit(int Id, double Rank);

    private sealed record Passages(int Id, string? Title, string? Excerpt, string? Body);
}
