namespace Gazette.Infrastructure;

/// <summary>Links between the pages of a list; page 1 is the bare path, the others add <c>?page=N</c>.</summary>
public sealed record PagerView(int Page, int PageCount, string BasePath)
{
    public const string BasePathKey = "PagerBasePath";

    public string Href(int page) => page <= 1 ? BasePath : $"{BasePath}?page={page}";
}
