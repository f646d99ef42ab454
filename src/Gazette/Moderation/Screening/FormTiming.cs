using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Gazette.Moderation.Screening;

/// <summary>
/// The comment form's two traps for programs. A field people never see (<see cref="TrapField"/>): whatever fills it
/// is not a person. And the time the form was shown, signed and encrypted into a hidden field (<see cref="ShownField"/>)
/// so it cannot be forged: a form sent back sooner than people can read and type was not filled in by one.
/// </summary>
public sealed class FormTiming(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string TrapField = "Website";
    public const string ShownField = "Shown";

    private readonly IDataProtector protector = protection.CreateProtector("Gazette.Moderation.FormShownAt");

    /// <summary>The value of the hidden field for a form shown now.</summary>
    public string Stamp() =>
        protector.Protect(clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture));

    /// <summary>When the form was shown, or null when the field is missing, forged, or from keys the site no longer has.</summary>
    public DateTime? ShownAt(string? stamp)
    {
        if (string.IsNullOrEmpty(stamp))
        {
            return null;
        }
        try
        {
            return long.TryParse(protector.Unprotect(stamp), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is > 0 and <= 3155378975999999999
                ? new DateTime(ticks, DateTimeKind.Utc)
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    public FormSignals Read(string? trap, string? stamp) => new(!string.IsNullOrEmpty(trap), ShownAt(stamp));
}
