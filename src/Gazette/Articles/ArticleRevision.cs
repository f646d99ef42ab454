namespace Gazette.Articles;

/// <summary>
/// A copy of an article as one save left it: every save in the newsroom keeps one, so any version can be compared
/// with another and restored. Tags are kept by name, so a revision still reads right after a tag is renamed or removed.
/// </summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public DateTime SavedAt { get; set; }
    public string? SavedByUserId { get; set; }
    public string SavedByName { get; set; } = "";

    /// <summary>What the save did, in a few words ("Saved draft", "Published", "Restored revision 3").</summary>
    public string Note { get; set; } = "";

    public required string Title { get; set; }
    public required string Slug { get; set; }
    public string Excerpt { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string? ImagePath { get; set; }
    public string? ImageAlt { get; set; }
    public int ImageWidth { get; set; }
    public int ImageHeight { get; set; }

    /// <summary>The kind the featured image's renditions are stored in (their file names follow it).</summary>
    public Core.Media.ImageKind ImageKind { get; set; }
    public int AuthorId { get; set; }
    public int? CategoryId { get; set; }

    /// <summary>Tag names, one per line.</summary>
    public string TagNames { get; set; } = "";
    public ArticleStatus Status { get; set; }
    public DateTime PublishedAt { get; set; }
}
