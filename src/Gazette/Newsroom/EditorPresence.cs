using Gazette.Articles;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>
/// A staff member with an article's editor open, as last heard from (<see cref="SeenAt"/>, UTC). A row in the database,
/// so that every instance sees everyone's; it counts only while fresher than <see cref="EditorPresences.Lifetime"/>.
/// </summary>
public sealed class EditorPresence
{
    public int ArticleId { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public DateTime SeenAt { get; set; }

    public static void Configure(ModelBuilder model) => model.Entity<EditorPresence>(presence =>
    {
        presence.HasKey(p => new { p.ArticleId, p.UserId });
        presence.Property(p => p.UserId).HasMaxLength(450);
        presence.Property(p => p.Name).HasMaxLength(256);
        presence.HasOne<Article>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
    });
}
