using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Gazette.Core.Accounts;

/// <summary>
/// The key under which two display names count as the same name: case, accents, spacing, invisible characters and
/// look-alike letters (Unicode's confusables, UTS #39: Cyrillic "а" for Latin "a", "0" for "O") aside. Names are looked up
/// by it, so it is stored beside each name that belongs to someone. Changing what it does means recomputing the stored keys.
/// </summary>
public static class NameSkeleton
{
    /// <summary>Longer keys are cut here: enough to tell names apart, and a bounded index column.</summary>
    public const int MaxLength = 128;

    /// <summary>Null for a name with nothing visible in it.</summary>
    public static string? Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        // Twice: a prototype may itself be a capital or have one ("М" is "M", and "m" is "rn").
        var key = Fold(Fold(WellFormed(name)));
        key = string.Join(' ', key.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return key.Length == 0 ? null : key.Length > MaxLength ? key[..MaxLength] : key;
    }

    /// <summary>
    /// Decomposed (compatibility forms too); each character as its prototype (or its small letter's); lower case; marks,
    /// format characters and controls dropped; any space one space.
    /// </summary>
    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        // Compatibility forms too (full-width "Ｊ", "ﬁ", "Ⓢ"): confusables.txt leaves those to NFKC.
        foreach (var rune in text.Normalize(NormalizationForm.FormKD).EnumerateRunes())
        {
            // A letter's own prototype ("М" is "M", while its small "м" is "ʍ"), lower-cased below; but capital I and its
            // look-alikes are "l" in the table, where here they are "i" as "I" is, so that case never matters.
            var lower = Rune.ToLowerInvariant(rune);
            if ((!rune.IsAscii && Table.TryGetValue(rune.Value, out var prototype) && prototype != "l")
                || Table.TryGetValue(lower.Value, out prototype))
            {
                builder.Append(prototype);
            }
            else
            {
                builder.Append(lower.ToString());
            }
        }
        var mapped = builder.ToString().Normalize(NormalizationForm.FormKD);
        builder.Clear();
        foreach (var rune in mapped.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark
                    or UnicodeCategory.Format or UnicodeCategory.Control:
                    break;
                case UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(rune.ToString());
                    break;
            }
        }
        return builder.ToString().ToLowerInvariant();
    }

    /// <summary>Without lone surrogates and noncharacters ("\uFFFE"), which show nothing and which normalization refuses.</summary>
    private static string WellFormed(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            // A lone surrogate is enumerated as the replacement character.
            if (rune != Rune.ReplacementChar && (value & 0xFFFE) != 0xFFFE && value is < 0xFDD0 or > 0xFDEF)
            {
                builder.Append(rune.ToString());
            }
        }
        return builder.ToString();
    }

    private static FrozenDictionary<int, string> Table => LoadedTable.Value;

    private static readonly Lazy<FrozenDictionary<int, string>> LoadedTable = new(Load);

    /// <summary>confusables.tsv, made from Unicode's confusables.txt by regenerate.py beside it.</summary>
    private static FrozenDictionary<int, string> Load()
    {
        using var stream = typeof(NameSkeleton).Assembly.GetManifestResourceStream("Gazette.Core.Accounts.Confusables.confusables.tsv")
            ?? throw new InvalidOperationException("The confusables table is not embedded in Gazette.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var tab = line.IndexOf('\t');
            var prototype = new StringBuilder();
            foreach (var hex in line[(tab + 1)..].Split(' '))
            {
                prototype.Append(char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
            table[int.Parse(line.AsSpan(0, tab), NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = prototype.ToString();
        }
        return table.ToFrozenDictionary();
    }
}
