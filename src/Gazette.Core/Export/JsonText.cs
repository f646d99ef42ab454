namespace Gazette.Core.Export;

/// <summary>
/// Text on its way into JSON. JSON carries any character, NUL and the other controls included (escaped), but a lone
/// surrogate (half of a pair, which is no character) cannot be encoded as UTF-8, and System.Text.Json refuses it:
/// each one becomes U+FFFD, as <see cref="Xml.XmlCharacters"/> does for XML, so the document stays valid and a reader
/// sees that something was there. Everything else is kept to the character.
/// </summary>
public static class JsonText
{
    public const char Replacement = '\uFFFD';

    /// <summary>The text with each lone surrogate replaced by U+FFFD; the same instance when there is none.</summary>
    public static string Clean(string text)
    {
        var first = FirstLoneSurrogate(text);
        if (first < 0)
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = Replacement;
            }
        }
        return new string(chars);
    }

    private static int FirstLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
