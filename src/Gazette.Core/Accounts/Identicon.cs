using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gazette.Core.Accounts;

/// <summary>
/// The picture drawn for someone who has not uploaded one: a symmetric five-by-five pattern in one colour, both taken from a
/// hash of who they are. Its key is that hash, so the address names nobody and the picture needs nothing but the address.
/// </summary>
public static class Identicon
{
    /// <summary>Hex digits in a key: 80 bits, plenty to tell the people of one site apart.</summary>
    public const int KeyLength = 20;

    /// <summary>The key for an identity ("account:…", "guest:…"): a hash of it, never the identity itself.</summary>
    public static string KeyOf(string identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("gazette-avatar\n" + identity)))[..KeyLength];

    public static bool IsKey(string? key) => key is { Length: KeyLength } && key.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));

    /// <summary>The SVG for a key (see <see cref="IsKey"/>): about 600 bytes.</summary>
    public static string Svg(string key)
    {
        var bits = Convert.FromHexString(key);
        // Hue from the first two bytes; saturation and lightness fixed so that every colour reads on white and on the badge.
        var hue = ((bits[0] << 8) | bits[1]) % 360;
        var cells = new StringBuilder();
        var bit = 0;
        for (var x = 0; x < 3; x++)
        {
            for (var y = 0; y < 5; y++, bit++)
            {
                if ((bits[2 + bit / 8] >> (bit % 8) & 1) == 0)
                {
                    continue;
                }
                cells.Append(CultureInfo.InvariantCulture, $"M{x + 1} {y + 1}h1v1h-1z");
                if (x < 2)
                {
                    cells.Append(CultureInfo.InvariantCulture, $"M{5 - x} {y + 1}h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 7 7\" width=\"64\" height=\"64\" shape-rendering=\"crispEdges\">"
            + "<rect width=\"7\" height=\"7\" fill=\"#f2f0eb\"/>"
            + string.Create(CultureInfo.InvariantCulture, $"<path fill=\"hsl({hue} 55% 42%)\" d=\"{cells}\"/></svg>");
    }
}
