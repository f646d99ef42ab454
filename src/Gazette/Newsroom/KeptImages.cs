using System.Globalization;
using Gazette.Articles;
using Microsoft.AspNetCore.DataProtection;

namespace Gazette.Newsroom;

/// <summary>
/// The featured image a form carries between requests (the article's own, or one uploaded with a form that came back
/// with errors), as a protected token in a hidden field: the browser cannot point it at a file of its own choosing,
/// and nobody has to choose the file again.
/// </summary>
public sealed class KeptImages(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Gazette.Newsroom.KeptImage");

    public string Protect(FeaturedImage image) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{image.Width}|{image.Height}|{image.Path}|{(int)image.Kind}"));

    /// <summary>The image of a token made here, or null for an empty, tampered or expired one.</summary>
    public FeaturedImage? Unprotect(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var parts = protector.Unprotect(token).Split('|');
            return new FeaturedImage
            {
                Width = int.Parse(parts[0], CultureInfo.InvariantCulture),
                Height = int.Parse(parts[1], CultureInfo.InvariantCulture),
                Path = parts[2],
                // A token made before images kept their kind names a JPEG.
                Kind = parts.Length > 3 ? (Gazette.Core.Media.ImageKind)int.Parse(parts[3], CultureInfo.InvariantCulture) : default,
                Alt = "",
            };
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
