using Gazette.Core.Media;

namespace Gazette.Articles;

public enum ArticleStatus
{
    Draft = 0,
    Scheduled = 1,
    Published = 2,
    Unpublished = 3,

    /// <summary>An author asks an editor to review and publish it; never public.</summary>
    Submitted = 4,

    /// <summary>Moved to the trash by staff: gone from every public page, kept with its comments until it is restored.</summary>
    Trashed = 5,
}

public sealed class Article
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Excerpt { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";

    /// <summary>Rendered and sanitized when the body is saved, so that views never render Markdown.</summary>
    public string BodyHtml { get; set; } = "";

    /// <summary>The body as plain text, made when it is saved: what full-text search indexes and its snippets show.</summary>
    public string BodyText { get; set; } = "";

    public FeaturedImage? Image { get; set; }
    public int AuthorId { get; set; }
    public Author Author { get; set; } = null!;

    /// <summary>Every byline in order, the first being <see cref="Author"/>; empty for an article that only has that one.</summary>
    public List<ArticleByline> Bylines { get; set; } = [];

    /// <summary>Corrections and updates, shown at the article's foot.</summary>
    public List<ArticleNote> Notes { get; set; } = [];
    public int? CategoryId { get; set; }
    public Category? Category { get; set; }
    public List<Tag> Tags { get; set; } = [];

    public ArticleStatus Status { get; set; } = ArticleStatus.Published;

    public DateTime CreatedAt { get; set; }

    /// <summary>UTC. Orders the site and decides previous/next; for a scheduled article, when it goes out.</summary>
    public DateTime PublishedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Visible comments (placeholders excluded), kept up to date on every write so that lists never count rows.</summary>
    public int CommentCount { get; set; }

    /// <summary>Closed by an editor: the discussion stays readable but takes no new comments.</summary>
    public bool CommentsClosed { get; set; }

    /// <summary>What it was before it went to the trash (null while it is not there): restoring puts it back so.</summary>
    public ArticleStatus? TrashedFrom { get; set; }

    /// <summary>When it went to the trash (UTC; null while it is not there): it is purged <see cref="Newsroom.NewsroomOptions.TrashDays"/> later.</summary>
    public DateTime? TrashedAt { get; set; }

    /// <summary>Loaded with the demo site: an administrator removes the demo content in one action (<c>/admin</c>).</summary>
    public bool IsDemo { get; set; }

    /// <summary>Where the article came from in an import (for example a WordPress post id), so old links can be mapped.</summary>
    public string? SourceId { get; set; }

    /// <summary>The system <see cref="SourceId"/> is an id of (<see cref="Import.ImportSources"/>): unique together.</summary>
    public string? Source { get; set; }
}

/// <summary>
/// A featured image stored as a few widths named <c>{Path}-{width}.{jpg|png|webp}</c> under the media folder
/// (<see cref="MediaRenditions"/>). Width and Height are the largest rendition's, so the page can reserve the space before it loads.
/// </summary>
public sealed class FeaturedImage
{
    public static readonly int[] Widths = MediaRenditions.Widths;

    public required string Path { get; set; }
    public required string Alt { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>The kind its renditions keep besides WebP: a JPEG for images stored before kinds were kept.</summary>
    public ImageKind Kind { get; set; }

    public string Url(int width) => MediaRenditions.Url(Path, width, Kind);
}
