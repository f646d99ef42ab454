using System.Globalization;
using System.Text;

namespace Gazette.Moderation.Screening;

/// <summary>One list entry found in a text: where, and the exact characters it covers there (for highlighting).</summary>
public sealed record WordMatch(string Term, int Start, int Length, string Text);

/// <summary>
/// Finds the entries of a word list (banned or suspect words) in a comment, the way people dodge such lists and the way
/// innocent words happen to contain them. A text is compared letter by letter after folding case and accents
/// (“Ídìót” is “idiot”), reading l33t letters (0 o, 1 i or l, 3 e, 4 a, 5 s, 7 t, @ a, $ s), ignoring invisible
/// characters, and letting a letter be stretched (“iddiooot”). Entries match whole words only, so “Scunthorpe”,
/// “classic” and “therapist” never match “cunt”, “ass” or “rapist”; letters written apart (“i d i o t”, “i.d.i.o.t”)
/// are read as words only when every piece is a single letter, so ordinary words stay apart. A stretched letter never
/// counts for fewer than the entry has: “ass” needs two s, so the word “as” is not it.
/// </summary>
/// <remarks>
/// An entry ending in <c>*</c> also matches longer words that start with it; an entry of several words matches them
/// in a row, whatever separates them. Allowed words are whole words never reported, for the rare innocent word a
/// stretched letter catches (“looser” for “loser”).
/// </remarks>
public sealed class WordMatcher
{
    /// <summary>The most non-letters (spaces, punctuation) between two single letters that are still read as one word.</summary>
    private const int MaxGapInSpelledWord = 3;

    /// <summary>The most spaces and punctuation between the words of a several-word entry.</summary>
    private const int MaxGapBetweenWords = 5;

    /// <summary>How many times more than the entry a letter may be repeated (“iddddiot”); beyond, it is noise, not a word.</summary>
    private const int MaxStretch = 30;

    private readonly List<Term> terms;
    private readonly HashSet<string> allowed;

    public WordMatcher(IEnumerable<string> entries, IEnumerable<string>? allowedWords = null)
    {
        terms = entries.Select(Term.Parse).OfType<Term>().ToList();
        allowed = new HashSet<string>(
            (allowedWords ?? []).Select(word => string.Join(' ', SplitWords(FoldPlain(word)))).Where(word => word.Length > 0),
            StringComparer.Ordinal);
    }

    public bool IsEmpty => terms.Count == 0;

    /// <summary>Every entry found, in the order of the text; the same span is reported once, for the first entry that matched it.</summary>
    public IReadOnlyList<WordMatch> Find(string? text)
    {
        if (string.IsNullOrEmpty(text) || terms.Count == 0)
        {
            return [];
        }
        var units = UnitsOf(text);
        var found = new List<WordMatch>();
        var spans = new HashSet<(int, int)>();
        // Per entry, the (letter run, unit) pairs from which its match is known to fail, whichever start led there.
        var deadEnds = new bool[terms.Count][];
        for (var start = 0; start < units.Count; start++)
        {
            if (!units[start].IsWordPart || !BoundaryBefore(units, start))
            {
                continue;
            }
            for (var t = 0; t < terms.Count; t++)
            {
                var term = terms[t];
                if (!units[start].Can(term.Words[0][0].Letter))
                {
                    continue;
                }
                deadEnds[t] ??= new bool[term.RunCount * (units.Count + 1)];
                if (MatchTerm(units, start, term, deadEnds[t]) is not { } end)
                {
                    continue;
                }
                var (from, to) = (units[start].Start, units[end - 1].End);
                if (!HasRealLetter(units, start, end) || IsAllowed(units, start, end) || !spans.Add((from, to)))
                {
                    continue;
                }
                found.Add(new WordMatch(term.Entry, from, to - from, text[from..to]));
            }
        }
        return found;
    }

    // ---------- Matching ----------

    /// <summary>The unit after the last one matched, or null.</summary>
    private static int? MatchTerm(List<Unit> units, int start, Term term, bool[] deadEnds)
    {
        var position = start;
        var runsBefore = 0;
        for (var w = 0; w < term.Words.Count; w++)
        {
            if (w > 0)
            {
                // Between the words of an entry: a word boundary, and at most a few spaces or punctuation marks.
                if (!BoundaryAfter(units, position - 1))
                {
                    return null;
                }
                var gap = 0;
                while (position < units.Count && !units[position].IsWordPart && gap < MaxGapBetweenWords)
                {
                    position++;
                    gap++;
                }
                if (position >= units.Count || !units[position].IsWordPart || !BoundaryBefore(units, position))
                {
                    return null;
                }
            }
            var last = w == term.Words.Count - 1;
            if (MatchRuns(units, position, term.Words[w], 0, last && term.Prefix, new DeadEnds(deadEnds, runsBefore, units.Count + 1)) is not { } end)
            {
                return null;
            }
            position = end;
            runsBefore += term.Words[w].Count;
        }
        return position;
    }

    /// <summary>
    /// Matches the letter runs of one word from a unit on, backtracking over how far each stretched letter goes
    /// (“1” may be i or l, so “1ll” is “ill”). Dead ends are remembered, so a text of ambiguous letters stays linear work.
    /// </summary>
    private static int? MatchRuns(List<Unit> units, int position, IReadOnlyList<Run> runs, int run, bool prefix, DeadEnds deadEnds)
    {
        if (run == runs.Count)
        {
            if (!prefix)
            {
                return position > 0 && BoundaryAfter(units, position - 1) ? position : null;
            }
            // A prefix entry: the rest of the word, up to the next boundary.
            var end = position;
            while (!BoundaryAfter(units, end - 1))
            {
                if (end >= units.Count || !units[end].IsWordPart)
                {
                    return null;
                }
                end++;
            }
            return end;
        }
        if (deadEnds.Known(run, position))
        {
            return null;
        }
        var (letter, least) = runs[run];
        var most = 0;
        while (position + most < units.Count && most < least + MaxStretch && units[position + most].Can(letter))
        {
            most++;
        }
        for (var count = most; count >= least; count--)
        {
            if (MatchRuns(units, position + count, runs, run + 1, prefix, deadEnds) is { } end)
            {
                return end;
            }
        }
        deadEnds.Mark(run, position);
        return null;
    }

    /// <summary>One word's view of its entry's dead ends: a flag per (letter run, unit).</summary>
    private readonly struct DeadEnds(bool[] flags, int runsBefore, int stride)
    {
        public bool Known(int run, int position) => flags[(runsBefore + run) * stride + position];

        public void Mark(int run, int position) => flags[(runsBefore + run) * stride + position] = true;
    }

    private static bool BoundaryBefore(List<Unit> units, int index) => index == 0 || units[index].StartsWord || !units[index - 1].IsWordLetter;

    private static bool BoundaryAfter(List<Unit> units, int index) =>
        index >= units.Count - 1 || units[index].EndsWord || !units[index + 1].IsWordLetter;

    /// <summary>Numbers are not words: “455” is a price, not a l33t word (while “@$$” is one).</summary>
    private static bool HasRealLetter(List<Unit> units, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (units[i].Kind is UnitKind.Letter or UnitKind.Symbol)
            {
                return true;
            }
        }
        return false;
    }

    private bool IsAllowed(List<Unit> units, int start, int end)
    {
        if (allowed.Count == 0)
        {
            return false;
        }
        var plain = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            plain.Append(units[i].IsWordPart ? units[i].Letters[0] : ' ');
        }
        return allowed.Contains(string.Join(' ', SplitWords(plain.ToString())));
    }

    private static IEnumerable<string> SplitWords(string folded) => folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // ---------- Reading a text ----------

    private enum UnitKind
    {
        Letter,
        Digit,

        /// <summary>@ and $: read as letters inside a word, yet a word may start right after them (“@idiot”).</summary>
        Symbol,
        Space,
        LineBreak,
        Other,
    }

    /// <summary>One folded character of the text, with the original characters it came from.</summary>
    private sealed class Unit(UnitKind kind, string letters, int start, int end)
    {
        public UnitKind Kind { get; } = kind;

        /// <summary>The letters this character may stand for: itself, or its l33t readings (“1”: i or l).</summary>
        public string Letters { get; } = letters;

        public int Start { get; } = start;
        public int End { get; set; } = end;

        /// <summary>A single letter spelled apart from its neighbours (“i d i o t”): a word of its own, so a boundary on each side.</summary>
        public bool StartsWord { get; set; }
        public bool EndsWord { get; set; }

        public bool IsWordPart => Kind is UnitKind.Letter or UnitKind.Digit or UnitKind.Symbol;

        /// <summary>What continues a word for the purpose of its boundaries.</summary>
        public bool IsWordLetter => Kind is UnitKind.Letter or UnitKind.Digit;

        public bool Can(char letter) => Letters.Contains(letter, StringComparison.Ordinal);
    }

    /// <summary>
    /// The last text read into units on this thread, with them. A post is screened against three lists (banned, suspect,
    /// spam words), one after the other on the same string: it is read once (issue 11). Units are never changed once read.
    /// </summary>
    [ThreadStatic]
    private static (string Text, List<Unit> Units)? lastRead;

    private static List<Unit> UnitsOf(string text)
    {
        if (lastRead is { } last && ReferenceEquals(last.Text, text))
        {
            return last.Units;
        }
        var units = Units(text);
        lastRead = (text, units);
        return units;
    }

    private static List<Unit> Units(string text)
    {
        var all = new List<Unit>(text.Length);
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.Utf16SequenceLength;
            var folded = Fold(rune);
            if (folded.Length == 0)
            {
                // A combining accent or an invisible character: part of the character before it.
                if (all.Count > 0)
                {
                    all[^1].End = index + length;
                }
            }
            foreach (var c in folded)
            {
                all.Add(Classify(c, index, index + length));
            }
            index += length;
        }
        return JoinSpelledLetters(all);
    }

    /// <summary>
    /// Single letters separated by a few spaces or punctuation marks (“i d i o t”, “i.d.i.o.t”) are read together, each
    /// still a word of its own; a longer word never joins them, so “a cunning plan” stays three words.
    /// </summary>
    private static List<Unit> JoinSpelledLetters(List<Unit> all)
    {
        // Tokens: maximal runs of word parts, as (first, last) indexes.
        var tokens = new List<(int First, int Last)>();
        for (var i = 0; i < all.Count; i++)
        {
            if (!all[i].IsWordPart)
            {
                continue;
            }
            var first = i;
            while (i + 1 < all.Count && all[i + 1].IsWordPart)
            {
                i++;
            }
            tokens.Add((first, i));
        }
        var dropped = new bool[all.Count];
        for (var t = 0; t + 1 < tokens.Count; t++)
        {
            var (a, b) = (tokens[t], tokens[t + 1]);
            var gap = b.First - a.Last - 1;
            if (a.First != a.Last || b.First != b.Last || gap < 1 || gap > MaxGapInSpelledWord)
            {
                continue;
            }
            var spansLines = false;
            for (var g = a.Last + 1; g < b.First; g++)
            {
                spansLines |= all[g].Kind == UnitKind.LineBreak;
            }
            if (spansLines)
            {
                continue;
            }
            for (var g = a.Last + 1; g < b.First; g++)
            {
                dropped[g] = true;
            }
            all[a.First].StartsWord = all[a.First].EndsWord = true;
            all[b.First].StartsWord = all[b.First].EndsWord = true;
        }
        var kept = new List<Unit>(all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            if (!dropped[i])
            {
                kept.Add(all[i]);
            }
        }
        return kept;
    }

    private static Unit Classify(char c, int start, int end)
    {
        if (char.IsLetter(c))
        {
            return new Unit(UnitKind.Letter, c.ToString(), start, end);
        }
        if (c is >= '0' and <= '9')
        {
            var letters = c switch
            {
                '0' => "0o",
                '1' => "1il",
                '3' => "3e",
                '4' => "4a",
                '5' => "5s",
                '7' => "7t",
                _ => c.ToString(),
            };
            return new Unit(UnitKind.Digit, letters, start, end);
        }
        return c switch
        {
            '@' => new Unit(UnitKind.Symbol, "a", start, end),
            '$' => new Unit(UnitKind.Symbol, "s", start, end),
            '\n' or '\r' or '\u2028' or '\u2029' => new Unit(UnitKind.LineBreak, "", start, end),
            _ when char.IsWhiteSpace(c) => new Unit(UnitKind.Space, "", start, end),
            _ => new Unit(UnitKind.Other, "", start, end),
        };
    }

    // ---------- Folding ----------

    /// <summary>Lower case, without accents, compatibility forms unfolded (ｆｕｌｌ-width, ligatures), look-alike letters of other scripts read as Latin.</summary>
    private static string Fold(Rune rune)
    {
        if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark)
        {
            return "";
        }
        var decomposed = Decompose(rune.ToString());
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            folded.Append(lower switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'ø' => "o",
                'đ' or 'ð' => "d",
                'ł' => "l",
                'ı' => "i",
                _ => LookAlikes.TryGetValue(lower, out var latin) ? latin.ToString() : lower.ToString(),
            });
        }
        return folded.ToString();
    }

    /// <summary>Noncharacters (U+FFFE) and unassigned code points cannot be normalized: they stay as they are.</summary>
    private static string Decompose(string character)
    {
        try
        {
            return character.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            return character;
        }
    }

    /// <summary>Cyrillic and Greek letters drawn like Latin ones, as used to slip a word past a filter.</summary>
    private static readonly Dictionary<char, char> LookAlikes =
        "аеорсухіјѕкмтвнαοεικνρτυ".Zip("aeopcyxijskmtbhaoeikvptu").ToDictionary(pair => pair.First, pair => pair.Second);

    /// <summary>An entry or an allowed word folded as a text is, without the l33t readings: letters and digits, words apart.</summary>
    private static string FoldPlain(string entry)
    {
        var plain = new StringBuilder(entry.Length);
        foreach (var rune in entry.EnumerateRunes())
        {
            foreach (var c in Fold(rune))
            {
                plain.Append(char.IsLetterOrDigit(c) ? c : ' ');
            }
        }
        return plain.ToString();
    }

    // ---------- Entries ----------

    /// <summary>A letter and how many times in a row the entry writes it (“ass”: a once, s twice).</summary>
    private readonly record struct Run(char Letter, int Count);

    private sealed record Term(string Entry, IReadOnlyList<IReadOnlyList<Run>> Words, bool Prefix)
    {
        public int RunCount { get; } = Words.Sum(word => word.Count);

        public static Term? Parse(string entry)
        {
            var trimmed = entry.Trim();
            var prefix = trimmed.EndsWith('*');
            var words = SplitWords(FoldPlain(prefix ? trimmed.TrimEnd('*') : trimmed)).Select(Runs).ToList();
            return words.Count == 0 ? null : new Term(trimmed, words, prefix);
        }

        private static IReadOnlyList<Run> Runs(string word)
        {
            var runs = new List<Run>();
            foreach (var c in word)
            {
                if (runs.Count > 0 && runs[^1].Letter == c)
                {
                    runs[^1] = runs[^1] with { Count = runs[^1].Count + 1 };
                }
                else
                {
                    runs.Add(new Run(c, 1));
                }
            }
            return runs;
        }
    }
}
