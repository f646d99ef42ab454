using Microsoft.EntityFrameworkCore;

namespace Gazette.Media;

/// <summary>
/// An image uploaded to the media library (for article bodies): stored by <see cref="ImageUploads"/> under
/// <see cref="Path"/>, found again by its file name or the alt text last given to it.
/// </summary>
public sealed class LibraryImage
{
    public const int MaxNameLength = 200;
    public const int MaxAltLength = 500;

    public int Id { get; set; }

    /// <summary>"uploads/{hash}", as <see cref="SavedImage.Path"/>: one entry per picture, however often it is uploaded.</summary>
    public required string Path { get; set; }

    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>The kind its renditions are stored in (a PNG stays a lossless PNG): their file names follow it.</summary>
    public Core.Media.ImageKind Kind { get; set; }

    public string FileName { get; set; } = "";
    public string Alt { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string? UploadedByUserId { get; set; }

    internal static void Configure(ModelBuilder model) => model.Entity<LibraryImage>(image =>
    {
        image.ToTable("LibraryImages");
        image.Property(i => i.Path).HasMaxLength(300);
        image.HasIndex(i => i.Path).IsUnique();
        image.Property(i => i.FileName).HasMaxLength(MaxNameLength);
        image.Property(i => i.Alt).HasMaxLength(MaxAltLength);
        image.HasIndex(i => i.UploadedAt);
    });
}
