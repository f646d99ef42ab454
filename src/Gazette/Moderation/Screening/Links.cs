using System.Text.RegularExpressions;

namespace Gazette.Moderation.Screening;

/// <summary>The links of a comment: what its text turns into links (bare http, https and www addresses, mailto).</summary>
public static partial class Links
{
    public static IReadOnlyList<string> In(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Pattern().Matches(text).Select(m => m.Value).ToList();

    /// <summary>An address up to the first space, less the punctuation that ends a sentence around it (as the text's own links do).</summary>
    [GeneratedRegex(@"(?<![\w/.@-])(?:(?:https?|ftp)://|www\.|mailto:)[^\s<>""]*[^\s<>"".,;:!?)\]'’”]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
