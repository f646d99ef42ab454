using System.Text;

namespace Gazette.Search;

/// <summary>
/// What a reader typed, reduced to the words a search can use, whatever the database: at most
/// <see cref="MaxLength"/> characters and <see cref="MaxWords"/> words, each holding a letter or a digit.
/// Nothing of the reader's text reaches a query language unquoted: each provider quotes these words its own way.
/// </summary>
public sealed record SearchTerms(string Text, IReadOnlyList<string> Words)
{
    public const int MaxLength = 200;
    public const int MaxWords = 12;

    public static readonly SearchTerms None = new("", []);

    public bool IsEmpty => Words.Count == 0;

    public static SearchTerms Parse(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return None;
        }
        var text = query.Trim();
        if (text.Length > MaxLength)
        {
            // Never cut a character in two.
            var cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
            text = text[..cut].TrimEnd();
        }
        // Control characters (NUL included) are no part of any word: they separate words, and show as spaces.
        var cleaned = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            cleaned.Append(Rune.IsControl(rune) || rune.Value == 0xFFFD ? " " : rune.ToString());
        }
        text = cleaned.ToString().Trim();
        var words = text
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.EnumerateRunes().Any(Rune.IsLetterOrDigit))
            .Take(MaxWords)
            .ToList();
        return new SearchTerms(text, words);
    }
}
