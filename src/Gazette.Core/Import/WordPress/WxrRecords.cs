namespace Gazette.Core.Import.WordPress;

/// <summary>One thing a WordPress export (WXR) holds, in the order the file holds it.</summary>
public abstract record WxrRecord;

/// <summary>The channel: the exported site itself. Comes first, before any author, term or item.</summary>
public sealed record WxrSite(string? Title, string? Link, string? BaseSiteUrl, string? BaseBlogUrl, string? WxrVersion, string? Language) : WxrRecord;

public sealed record WxrAuthor(long? Id, string Login, string? Email, string? DisplayName, string? FirstName, string? LastName) : WxrRecord;

public enum WxrTaxonomy
{
    Category,
    Tag,
    Other,
}

/// <summary>A category, a tag, or a term of another taxonomy (<see cref="TaxonomyName"/>, such as <c>nav_menu</c>).</summary>
/// <param name="ParentSlug">A category's parent, by its slug (WordPress's nicename); null at the top.</param>
public sealed record WxrTerm(WxrTaxonomy Taxonomy, string TaxonomyName, long? Id, string Slug, string Name, string? ParentSlug, string? Description)
    : WxrRecord;

/// <summary>An item's category or tag as the item names it (<c>&lt;category domain="…" nicename="…"&gt;</c>).</summary>
public sealed record WxrItemTerm(string Domain, string Slug, string Name);

public sealed record WxrMeta(string Key, string Value);

/// <summary>
/// A post, a page, an attachment, or an item of another type (<see cref="PostType"/>), without its comments: those
/// follow it as <see cref="WxrComment"/> records, so that a post with any number of them costs no more memory.
/// </summary>
/// <param name="PostDateGmt">Null where WordPress wrote none (<c>0000-00-00 00:00:00</c>, as for drafts).</param>
/// <param name="PostDate">The date in the site's time zone, as written.</param>
public sealed record WxrItem(
    long PostId,
    string PostType,
    string Status,
    string Title,
    string? Link,
    string? Guid,
    string? Creator,
    string Content,
    string Excerpt,
    string Slug,
    DateTime? PostDateGmt,
    string? PostDate,
    string? CommentStatus,
    long ParentId,
    int MenuOrder,
    bool IsSticky,
    string? Password,
    string? AttachmentUrl,
    IReadOnlyList<WxrItemTerm> Terms,
    IReadOnlyList<WxrMeta> Meta) : WxrRecord
{
    public string? MetaValue(string key) => Meta.FirstOrDefault(m => m.Key == key)?.Value;

    /// <summary>Every slug WordPress kept as an old address of this item (<c>_wp_old_slug</c>, one meta each).</summary>
    public IEnumerable<string> OldSlugs => Meta.Where(m => m.Key == "_wp_old_slug" && m.Value.Length > 0).Select(m => m.Value);
}

/// <summary>A comment of the item that came last (<see cref="PostId"/>).</summary>
/// <param name="Approved">As WordPress wrote it: <c>1</c>, <c>0</c> (pending), <c>spam</c>, <c>trash</c>, …</param>
/// <param name="Type">Empty or <c>comment</c> for a comment; <c>pingback</c>, <c>trackback</c>, or a plugin's type.</param>
/// <param name="ParentId">The comment it answers; 0 for none.</param>
/// <param name="UserId">The author's account on the old site; 0 for none.</param>
public sealed record WxrComment(
    long PostId,
    long Id,
    string Author,
    string? AuthorEmail,
    string? AuthorUrl,
    string? AuthorIp,
    DateTime? DateGmt,
    string? Date,
    string Content,
    string Approved,
    string Type,
    long ParentId,
    long UserId,
    IReadOnlyList<WxrMeta> Meta) : WxrRecord
{
    public bool IsPing => Type is "pingback" or "trackback";
}

/// <summary>
/// A record that could not be read, with what is known of it (its kind and source id) and why: the rest of the file
/// is read on. <see cref="IsFatal"/>: the XML itself broke here, and nothing after it can be read.
/// </summary>
public sealed record WxrProblem(string Kind, string? SourceId, string Reason, bool IsFatal = false) : WxrRecord;
