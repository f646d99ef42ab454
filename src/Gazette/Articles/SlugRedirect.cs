namespace Gazette.Articles;

/// <summary>
/// An address an article had before its slug changed (or before an import): <c>/articles/{OldSlug}</c> answers with a
/// permanent redirect to the article's current address, so links and search results keep working.
/// </summary>
public sealed class SlugRedirect
{
    public int Id { get; set; }
    public required string OldSlug { get; set; }
    public int ArticleId { get; set; }
    public DateTime CreatedAt { get; set; }
}
