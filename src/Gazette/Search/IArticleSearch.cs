using Gazette.Articles;

namespace Gazette.Search;

/// <summary>One result: the article as lists show it, its title and a passage with the matched words marked.</summary>
public sealed record SearchResult(ArticleSummary Article, HighlightedText Title, HighlightedText Snippet);

/// <summary>
/// Full-text search over the articles readers may see, best match first. The one part that differs by database
/// (SQLite FTS5, PostgreSQL full-text search): <see cref="SearchServices"/> picks it by provider.
/// </summary>
public interface IArticleSearch
{
    /// <summary>One page of results, or null for a page past the last (page 1 always exists, empty or not).</summary>
    Task<Paged<SearchResult>?> SearchAsync(SearchTerms terms, DateTime now, int page, int pageSize, CancellationToken cancellationToken);
}
