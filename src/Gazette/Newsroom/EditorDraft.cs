using Gazette.Accounts;
using Gazette.Articles;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>
/// What the editor's script autosaved of an article a staff member is writing: one per person and article (or per
/// person and client key for an article never saved yet). Not a revision and never public; saving the article clears it.
/// </summary>
public sealed class EditorDraft
{
    public const int MaxKeyLength = 80;
    public const int MaxSlugLength = 200;

    public int Id { get; set; }
    public required string UserId { get; set; }

    /// <summary>"article-{id}" for a saved article, "new-{client key}" for one never saved.</summary>
    public required string Key { get; set; }

    public int? ArticleId { get; set; }
    public DateTime SavedAt { get; set; }
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Excerpt { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";

    public static string KeyOf(int articleId) => $"article-{articleId}";

    public static string KeyOfNew(string clientKey) => $"new-{clientKey}";

    internal static void Configure(ModelBuilder model) => model.Entity<EditorDraft>(draft =>
    {
        draft.ToTable("EditorDrafts");
        draft.Property(d => d.Key).HasMaxLength(MaxKeyLength);
        draft.Property(d => d.Title).HasMaxLength(EditorInput.MaxTitleLength);
        draft.Property(d => d.Slug).HasMaxLength(MaxSlugLength);
        draft.Property(d => d.Excerpt).HasMaxLength(EditorInput.MaxExcerptLength);
        draft.HasIndex(d => new { d.UserId, d.Key }).IsUnique();
        draft.HasIndex(d => d.ArticleId);
        draft.HasOne<GazetteUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        draft.HasOne<Article>().WithMany().HasForeignKey(d => d.ArticleId).OnDelete(DeleteBehavior.Cascade);
    });
}
