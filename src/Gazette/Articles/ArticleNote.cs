using Microsoft.EntityFrameworkCore;

namespace Gazette.Articles;

public enum ArticleNoteKind
{
    Correction = 0,
    Update = 1,
}

/// <summary>
/// A dated note an editor adds to an article after it went out ("Correction: …", "Update: …"), shown at its foot in
/// order of time. Adding, changing or removing one marks the article modified (JSON-LD, feeds, sitemap).
/// </summary>
public sealed class ArticleNote
{
    public const int MaxTextLength = 2000;

    public int Id { get; set; }
    public int ArticleId { get; set; }
    public ArticleNoteKind Kind { get; set; }
    public required string Text { get; set; }

    /// <summary>UTC: the time the note speaks of, shown in the site's time zone.</summary>
    public DateTime At { get; set; }

    public static void Configure(ModelBuilder model) => model.Entity<ArticleNote>(note =>
    {
        note.Property(n => n.Text).HasMaxLength(MaxTextLength);
        note.HasIndex(n => new { n.ArticleId, n.At });
        note.HasOne<Article>().WithMany(a => a.Notes).HasForeignKey(n => n.ArticleId).OnDelete(DeleteBehavior.Cascade);
    });
}
