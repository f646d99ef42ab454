using Microsoft.EntityFrameworkCore;

namespace Gazette.Articles;

/// <summary>
/// One of an article's bylines, in order from <see cref="Position"/> 0. The first is also the article's
/// <see cref="Article.AuthorId"/> (what archives, importers and the WordPress export call its author). An article with
/// no rows here (imported, or from the demo) has its author as its one byline.
/// </summary>
public sealed class ArticleByline
{
    public const int MaxCount = 4;

    public int ArticleId { get; set; }
    public int Position { get; set; }
    public int AuthorId { get; set; }
    public Author Author { get; set; } = null!;

    public static void Configure(ModelBuilder model) => model.Entity<ArticleByline>(byline =>
    {
        byline.HasKey(b => new { b.ArticleId, b.Position });
        byline.HasIndex(b => new { b.ArticleId, b.AuthorId }).IsUnique();
        byline.HasIndex(b => b.AuthorId);
        byline.HasOne<Article>().WithMany(a => a.Bylines).HasForeignKey(b => b.ArticleId).OnDelete(DeleteBehavior.Cascade);
        byline.HasOne(b => b.Author).WithMany().HasForeignKey(b => b.AuthorId).OnDelete(DeleteBehavior.Restrict);
    });
}
