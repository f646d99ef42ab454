namespace Gazette.Infrastructure;

/// <summary>
/// Links between the pages of a list; page 1 is the bare path, the others add <c>page=N</c> to its query
/// (a path such as <c>/search?q=…</c> keeps its own). Lists newest first say "Newer" and "Older"; others name their order.
/// </summary>
public sealed record PagerView(int Page, int PageCount, string BasePath, string PreviousLabel = "← Newer", string NextLabel = "Older →")
{
    public const string BasePathKey = "PagerBasePath";

    public string Href(int page) => page <= 1 ? BasePath : $"{BasePath}{(BasePath.Contains('?') ? '&' : '?')}page={page}";
}
