using System.Text.RegularExpressions;

namespace Gazette.Moderation.Screening;

/// <summary>The links of a comment: what its text turns into links (bare http, https and www addresses, mailto).</summary>
public static partial class Links
{
    public static IReadOnlyList<string> In(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Pattern().Matches(text).Select(m => m.Value).ToList();

    [GeneratedRegex(@"(?<![\w/.@-])(?:(?:https?|ftp)://|www\.|mailto:)[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
