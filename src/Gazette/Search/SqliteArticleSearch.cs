using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Search;

/// <summary>
/// Search with SQLite FTS5: the ArticleSearch index (title, excerpt, plain body; diacritics folded, English words
/// stemmed by the Porter tokenizer, in the query as in the index) ranked by bm25 with the title weighing most.
/// </summary>
internal sealed class SqliteArticleSearch(GazetteDb db) : ArticleSearch(db)
{
    // bm25 weights of ArticleSearch's columns, in order: Title, Excerpt, BodyText.
    private const double TitleWeight = 10, ExcerptWeight = 4, BodyWeight = 1;

    protected override IQueryable<Hit> Hits(SearchTerms terms) => Db.Database.SqlQuery<Hit>($"""
        SELECT rowid AS Id, bm25(ArticleSearch, {TitleWeight}, {ExcerptWeight}, {BodyWeight}) AS Rank
        FROM ArticleSearch WHERE ArticleSearch MATCH {MatchExpression(terms)}
        """);

    protected override Task<Dictionary<int, Passages>> PassagesAsync(SearchTerms terms, IReadOnlyList<int> ids, CancellationToken cancellationToken) =>
        Db.Database.SqlQuery<Passages>($"""
                SELECT rowid AS Id,
                    highlight(ArticleSearch, 0, {Mark.Open}, {Mark.Close}) AS Title,
                    highlight(ArticleSearch, 1, {Mark.Open}, {Mark.Close}) AS Excerpt,
                    snippet(ArticleSearch, 2, {Mark.Open}, {Mark.Close}, '…', {SnippetWords}) AS Body
                FROM ArticleSearch WHERE ArticleSearch MATCH {MatchExpression(terms)}
                """)
            .Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, cancellationToken);

    /// <summary>
    /// The reader's words as an FTS5 query: each one a quoted string (inner quotes doubled), so that no operator,
    /// column filter or syntax error can come from what they typed; all must match; the last may be a word's start
    /// when it has a few letters.
    /// </summary>
    internal static string MatchExpression(SearchTerms terms) =>
        string.Join(" ", terms.Words.Select((word, i) =>
            $"\"{word.Replace("\"", "\"\"", StringComparison.Ordinal)}\"{(i == terms.Words.Count - 1 && word.Length >= MinPrefixLength ? "*" : "")}"));
}
