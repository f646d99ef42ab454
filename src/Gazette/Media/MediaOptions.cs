using System.ComponentModel.DataAnnotations;

namespace Gazette.Media;

/// <summary>Section "Media": what an uploaded image may weigh and measure.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>The largest upload, in bytes (10 MB).</summary>
    [Range(1024, 1L << 30)]
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most pixels an image may decode to, read from its header before any pixel is decoded.</summary>
    [Range(1, 400_000_000)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>The longest side, in pixels.</summary>
    [Range(1, 100_000)]
    public int MaxSide { get; set; } = 12_000;
}
