using System.ComponentModel.DataAnnotations;

namespace Gazette.Operations;

/// <summary>Section "Health": what readiness (<see cref="HealthEndpoints"/>) counts as a full disk.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// Readiness is Unhealthy ("disk full") while the data folder's file system has less free space than this, in
    /// megabytes: the SQLite database, its WAL and uploaded media live there, and a write that needs more fails. 0: not checked.
    /// </summary>
    [Range(0, long.MaxValue / (1024 * 1024), ErrorMessage = "Health:MinimumFreeDiskMegabytes must be 0 (not checked) or more.")]
    public long MinimumFreeDiskMegabytes { get; set; } = 32;
}
