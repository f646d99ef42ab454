using System.Xml;

namespace Gazette.Core.Xml;

/// <summary>
/// Text on its way into XML. XML 1.0 allows tab, newline, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and the
/// supplementary planes as well-formed surrogate pairs; anything else (the other C0 controls, U+FFFE, U+FFFF, a lone
/// surrogate) cannot be written at all, not even as a character reference. Such text may be stored all the same (a
/// comment is kept as typed), so every XML Gazette writes passes through <see cref="Clean"/>: each forbidden character
/// becomes U+FFFD, the replacement character, so a reader sees that something was there and the document stays
/// well-formed. The text keeps its length.
/// </summary>
public static class XmlCharacters
{
    public const char Replacement = '\uFFFD';

    /// <summary>The text with every character XML 1.0 forbids replaced by U+FFFD; the same instance when there is none.</summary>
    public static string Clean(string text)
    {
        var first = FirstForbidden(text);
        if (first < 0)
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            if (IsPairAt(chars, i))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(chars[i]))
            {
                chars[i] = Replacement;
            }
        }
        return new string(chars);
    }

    /// <summary>Whether every character of the text may be written in XML 1.0.</summary>
    public static bool AreAllowed(string text) => FirstForbidden(text) < 0;

    private static int FirstForbidden(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsPairAt(text, i))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsPairAt(ReadOnlySpan<char> text, int i) =>
        i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]);
}
