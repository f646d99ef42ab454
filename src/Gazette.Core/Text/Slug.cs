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
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }
                pendingHyphen = false;
                slug.Append(char.ToLowerInvariant(c));
                if (slug.Length >= MaxLength)
                {
                    break;
                }
            }
            else
            {
                pendingHyphen = true;
            }
        }
        return slug.ToString().TrimEnd('-');
    }
}
