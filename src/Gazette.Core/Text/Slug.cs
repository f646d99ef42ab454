using System.Globalization;
using System.Text;

namespace Gazette.Core.Text;

/// <summary>URL slugs: lowercase ASCII words joined by hyphens, accents folded ("Zoë" becomes "zoe").</summary>
public static class Slug
{
    public const int MaxLength = 80;

    public static string From(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(Math.Min(folded.Length, MaxLength));
        var pendingHyphen = false;
        foreach (var c in folded)
        {
            // Accents and apostrophes vanish ("Zoë's" is "zoes"); any other run of non-letters is one hyphen.
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’')
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(c))
            {
                var hyphen = pendingHyphen && slug.Length > 0;
                if (slug.Length + (hyphen ? 2 : 1) > MaxLength)
                {
                    break;
                }
                if (hyphen)
                {
                    slug.Append('-');
                }
                pendingHyphen = false;
                slug.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingHyphen = true;
            }
        }
        return slug.ToString().TrimEnd('-');
    }
}
