using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Search;

/// <summary>
/// Search with PostgreSQL's full-text search: the Articles' generated SearchVector column (title weighted A, excerpt B,
/// plain body C; text search configuration <see cref="Configuration"/>: accents folded by unaccent, English words
/// stemmed, no stop words, as SQLite's index), ranked by ts_rank_cd with the title weighing most, passages by
/// ts_headline. Made by the PostgresSearch and SearchStemming migrations.
/// </summary>
internal sealed class PostgresArticleSearch(GazetteDb db) : ArticleSearch(db)
{
    /// <summary>The text search configuration of the SearchVector column, which the query must read words with too.</summary>
    private const string Configuration = "gazette_english";

    /// <summary>ts_rank_cd's weights for the labels D, C, B, A: body 1, excerpt 4, title 10, as SQLite's bm25 weights.</summary>
    private static readonly float[] Weights = [0f, 0.1f, 0.4f, 1f];

    /// <summary>Stands in for '&lt;' while ts_headline works (see <see cref="PassagesAsync"/>).</summary>
    private const string LessThan = "\uE002";

    private static readonly string WholeText = $"HighlightAll=true, StartSel=\"{Mark.Open}\", StopSel=\"{Mark.Close}\"";
    private static readonly string Passage = $"MaxWords={SnippetWords}, MinWords={SnippetWords / 2}, StartSel=\"{Mark.Open}\", StopSel=\"{Mark.Close}\"";

    protected override IQueryable<Hit> Hits(SearchTerms terms) => Db.Database.SqlQuery<Hit>($"""
        SELECT a."Id", -ts_rank_cd({Weights}, a."SearchVector", q)::double precision AS "Rank"
        FROM "Articles" a CROSS JOIN to_tsquery({Configuration}::regconfig, {Query(terms)}) q
        WHERE a."SearchVector" @@ q
        """);

    /// <summary>
    /// Title and excerpt marked whole; a passage of the body, with an ellipsis where it was cut, as SQLite's snippet.
    /// ts_headline drops what its parser takes for HTML tags, so '&lt;' is swapped for a private-use stand-in and back:
    /// "&lt;script&gt;" in an article about escaping is shown as written.
    /// </summary>
    protected override Task<Dictionary<int, Passages>> PassagesAsync(SearchTerms terms, IReadOnlyList<int> ids, CancellationToken cancellationToken) =>
        Db.Database.SqlQuery<Passages>($"""
                SELECT a."Id",
                    translate(ts_headline({Configuration}::regconfig, translate(a."Title", '<', {LessThan}), q, {WholeText}), {LessThan}, '<') AS "Title",
                    translate(ts_headline({Configuration}::regconfig, translate(a."Excerpt", '<', {LessThan}), q, {WholeText}), {LessThan}, '<') AS "Excerpt",
                    CASE WHEN starts_with(a."BodyText", p.plain) THEN '' ELSE '…' END
                        || p.marked
                        || CASE WHEN right(a."BodyText", length(p.plain)) = p.plain THEN '' ELSE '…' END AS "Body"
                FROM "Articles" a
                    CROSS JOIN to_tsquery({Configuration}::regconfig, {Query(terms)}) q
                    CROSS JOIN LATERAL (SELECT translate(ts_headline({Configuration}::regconfig, translate(a."BodyText", '<', {LessThan}), q, {Passage}), {LessThan}, '<')
                        AS marked) h
                    CROSS JOIN LATERAL (SELECT h.marked, translate(h.marked, {Mark.Open + Mark.Close}, '') AS plain) p
                WHERE a."Id" = ANY({ids.ToArray()})
                """)
            .ToDictionaryAsync(p => p.Id, cancellationToken);

    /// <summary>
    /// The reader's words as a tsquery: each one a quoted lexeme (quotes and backslashes doubled), so that no operator
    /// or syntax error can come from what they typed; all must match (&amp;); the last may be a word's start (:*) when it
    /// has a few letters. websearch_to_tsquery would be as safe but has no prefix match.
    /// </summary>
    internal static string Query(SearchTerms terms) =>
        string.Join(" & ", terms.Words.Select((word, i) =>
            $"'{word.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)}'"
            + (i == terms.Words.Count - 1 && word.Length >= MinPrefixLength ? ":*" : "")));
}
