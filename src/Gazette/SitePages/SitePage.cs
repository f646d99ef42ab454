using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.SitePages;

/// <summary>
/// A standalone page such as About, Contact or the comment policy: not an article (no byline, date, discussion or
/// place in lists), at its own address <c>/{Slug}</c>, optionally linked from every page's footer.
/// </summary>
public sealed class SitePage
{
    public const int MaxTitleLength = 300;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }

    /// <summary>Markdown (which lets HTML through, so an imported WordPress page keeps its markup).</summary>
    public string BodyMarkdown { get; set; } = "";

    /// <summary>Rendered and sanitized when saved, like an article's body.</summary>
    public string BodyHtml { get; set; } = "";

    public bool Published { get; set; }

    /// <summary>Linked from the footer of every page, in <see cref="FooterOrder"/> then title order.</summary>
    public bool InFooter { get; set; }

    public int FooterOrder { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Where an imported page came from (for example "wordpress") and its id there: a second import finds it.</summary>
    public string? Source { get; set; }

    public string? SourceId { get; set; }
}

internal sealed class SitePageConfiguration : IEntityTypeConfiguration<SitePage>
{
    public void Configure(EntityTypeBuilder<SitePage> page)
    {
        page.Property(p => p.Slug).HasMaxLength(200);
        page.HasIndex(p => p.Slug).IsUnique();
        page.Property(p => p.Title).HasMaxLength(SitePage.MaxTitleLength);
        page.Property(p => p.Source).HasMaxLength(40);
        page.Property(p => p.SourceId).HasMaxLength(200);
        page.HasIndex(p => new { p.Source, p.SourceId }).IsUnique();
        page.HasIndex(p => new { p.InFooter, p.Published });
    }
}
