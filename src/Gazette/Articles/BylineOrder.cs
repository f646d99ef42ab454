namespace Gazette.Articles;

/// <summary>An author as a byline links to them.</summary>
public sealed record AuthorLink(string Slug, string Name);

/// <summary>The one rule for an article's bylines, and how they read ("Ana Lee, Sam Cho and Li Wei").</summary>
public static class BylineOrder
{
    /// <summary>The article's bylines in order: its rows, or (for an article that has none, imported or from the demo) its author alone.</summary>
    public static IReadOnlyList<AuthorLink> Of(IReadOnlyList<AuthorLink> rows, string authorSlug, string authorName) =>
        rows.Count > 0 ? rows : [new AuthorLink(authorSlug, authorName)];

    /// <summary>Names joined as a sentence says them.</summary>
    public static string Names(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
    };
}
