using System.ComponentModel.DataAnnotations;

namespace Gazette.Moderation;

/// <summary>Section "Moderation:Flags": how readers' flags hold a comment.</summary>
public sealed class FlagOptions
{
    public const string Section = "Moderation:Flags";

    /// <summary>A published comment flagged by this many distinct readers waits for a moderator.</summary>
    [Range(1, 1000)]
    public int HoldAfter { get; set; } = 3;
}
