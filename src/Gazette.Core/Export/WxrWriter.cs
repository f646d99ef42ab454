using System.Globalization;
using System.Text;
using System.Xml;
using Gazette.Core.Import.WordPress;
using Gazette.Core.Xml;

namespace Gazette.Core.Export;

/// <summary>
/// Writes a WordPress export (WXR 1.2, as WordPress 6 writes it) from the same records <see cref="WxrReader"/> reads, so
/// that what is written reads back as it was. Texts are written escaped rather than in CDATA, with carriage returns as
/// character references, so a comment's text comes back to the character; a character XML 1.0 forbids becomes U+FFFD
/// (<see cref="XmlCharacters"/>), the one change. The document is built in a small buffer that <see cref="FlushAsync"/>
/// sends on: the caller flushes between records, so memory stays bounded however large the site, and the output may be
/// an HTTP response, which takes no synchronous write.
/// </summary>
public sealed class WxrWriter : IAsyncDisposable
{
    public const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    public const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
    public const string WordPressNamespace = "http://wordpress.org/export/1.2/";
    public const string ExcerptNamespace = "http://wordpress.org/export/1.2/excerpt/";

    /// <summary>Flush when this much is buffered.</summary>
    private const int FlushAt = 64 * 1024;

    private readonly Stream output;
    private readonly MemoryStream buffer = new();
    private readonly XmlWriter xml;
    private bool inItem;

    public WxrWriter(Stream output)
    {
        this.output = output;
        xml = new WellFormedXmlWriter(XmlWriter.Create(buffer, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            // Carriage returns as &#xD;: a reader keeps them (it would turn a raw CR LF into LF).
            NewLineHandling = NewLineHandling.Entitize,
            CloseOutput = false,
        }));
    }

    /// <summary>The XML declaration, the channel and the site's own fields. First.</summary>
    public void WriteStart(WxrSite site, string generator)
    {
        xml.WriteStartDocument();
        xml.WriteComment(" A WordPress eXtended RSS file (WXR 1.2): import it with Tools > Import > WordPress. ");
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "excerpt", null, ExcerptNamespace);
        xml.WriteAttributeString("xmlns", "content", null, ContentNamespace);
        xml.WriteAttributeString("xmlns", "wfw", null, "http://wellformedweb.org/CommentAPI/");
        xml.WriteAttributeString("xmlns", "dc", null, DublinCoreNamespace);
        xml.WriteAttributeString("xmlns", "wp", null, WordPressNamespace);
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", site.Title ?? "");
        xml.WriteElementString("link", site.Link ?? "");
        xml.WriteElementString("description", "");
        xml.WriteElementString("language", site.Language ?? "en");
        Wp("wxr_version", site.WxrVersion ?? "1.2");
        Wp("base_site_url", site.BaseSiteUrl ?? site.Link ?? "");
        Wp("base_blog_url", site.BaseBlogUrl ?? site.Link ?? "");
        xml.WriteElementString("generator", generator);
    }

    public void Write(WxrAuthor author)
    {
        xml.WriteStartElement("wp", "author", WordPressNamespace);
        Wp("author_id", Number(author.Id ?? 0));
        Wp("author_login", author.Login);
        Wp("author_email", author.Email ?? "");
        Wp("author_display_name", author.DisplayName ?? author.Login);
        Wp("author_first_name", author.FirstName ?? "");
        Wp("author_last_name", author.LastName ?? "");
        xml.WriteEndElement();
    }

    /// <summary>A category (<c>wp:category</c>) or a tag (<c>wp:tag</c>); terms of other taxonomies as <c>wp:term</c>.</summary>
    public void Write(WxrTerm term)
    {
        switch (term.Taxonomy)
        {
            case WxrTaxonomy.Category:
                xml.WriteStartElement("wp", "category", WordPressNamespace);
                Wp("term_id", Number(term.Id ?? 0));
                Wp("category_nicename", term.Slug);
                Wp("category_parent", term.ParentSlug ?? "");
                Wp("cat_name", term.Name);
                Wp("category_description", term.Description ?? "");
                break;
            case WxrTaxonomy.Tag:
                xml.WriteStartElement("wp", "tag", WordPressNamespace);
                Wp("term_id", Number(term.Id ?? 0));
                Wp("tag_slug", term.Slug);
                Wp("tag_name", term.Name);
                Wp("tag_description", term.Description ?? "");
                break;
            default:
                xml.WriteStartElement("wp", "term", WordPressNamespace);
                Wp("term_id", Number(term.Id ?? 0));
                Wp("term_taxonomy", term.TaxonomyName);
                Wp("term_slug", term.Slug);
                Wp("term_parent", term.ParentSlug ?? "");
                Wp("term_name", term.Name);
                Wp("term_description", term.Description ?? "");
                break;
        }
        xml.WriteEndElement();
    }

    /// <summary>An item's own fields; its comments follow (<see cref="Write(WxrComment)"/>), then <see cref="EndItem"/>.</summary>
    public void StartItem(WxrItem item)
    {
        if (inItem)
        {
            throw new InvalidOperationException("The previous item was not ended.");
        }
        inItem = true;
        xml.WriteStartElement("item");
        xml.WriteElementString("title", item.Title);
        xml.WriteElementString("link", item.Link ?? "");
        if (item.PostDateGmt is { } published)
        {
            xml.WriteElementString("pubDate", published.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        }
        xml.WriteElementString("dc", "creator", DublinCoreNamespace, item.Creator ?? "");
        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "false");
        xml.WriteString(item.Guid ?? "");
        xml.WriteEndElement();
        xml.WriteElementString("description", "");
        xml.WriteElementString("content", "encoded", ContentNamespace, item.Content);
        xml.WriteElementString("excerpt", "encoded", ExcerptNamespace, item.Excerpt);
        Wp("post_id", Number(item.PostId));
        Wp("post_date", item.PostDate ?? "");
        Wp("post_date_gmt", item.PostDateGmt is { } gmt ? WxrDates.Format(gmt) : WxrDates.None);
        Wp("comment_status", item.CommentStatus ?? "open");
        Wp("ping_status", "closed");
        Wp("post_name", item.Slug);
        Wp("status", item.Status);
        Wp("post_parent", Number(item.ParentId));
        Wp("menu_order", Number(item.MenuOrder));
        Wp("post_type", item.PostType);
        Wp("post_password", item.Password ?? "");
        Wp("is_sticky", item.IsSticky ? "1" : "0");
        if (item.AttachmentUrl is not null)
        {
            Wp("attachment_url", item.AttachmentUrl);
        }
        foreach (var term in item.Terms)
        {
            xml.WriteStartElement("category");
            xml.WriteAttributeString("domain", term.Domain);
            xml.WriteAttributeString("nicename", term.Slug);
            xml.WriteString(term.Name);
            xml.WriteEndElement();
        }
        foreach (var meta in item.Meta)
        {
            Meta("postmeta", meta);
        }
    }

    public void Write(WxrComment comment)
    {
        if (!inItem)
        {
            throw new InvalidOperationException("A comment belongs in an item.");
        }
        xml.WriteStartElement("wp", "comment", WordPressNamespace);
        Wp("comment_id", Number(comment.Id));
        Wp("comment_author", comment.Author);
        Wp("comment_author_email", comment.AuthorEmail ?? "");
        Wp("comment_author_url", comment.AuthorUrl ?? "");
        Wp("comment_author_IP", comment.AuthorIp ?? "");
        Wp("comment_date", comment.Date ?? "");
        Wp("comment_date_gmt", comment.DateGmt is { } gmt ? WxrDates.Format(gmt) : WxrDates.None);
        Wp("comment_content", comment.Content);
        Wp("comment_approved", comment.Approved);
        Wp("comment_type", comment.Type);
        Wp("comment_parent", Number(comment.ParentId));
        Wp("comment_user_id", Number(comment.UserId));
        foreach (var meta in comment.Meta)
        {
            Meta("commentmeta", meta);
        }
        xml.WriteEndElement();
    }

    public void EndItem()
    {
        inItem = false;
        xml.WriteEndElement();
    }

    /// <summary>Closes the channel and the document, and sends what remains.</summary>
    public async Task EndAsync(CancellationToken cancellation = default)
    {
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        await FlushAsync(force: true, cancellation);
    }

    /// <summary>Sends what is buffered on to the output once there is enough of it (or always, when forced).</summary>
    public async Task FlushAsync(bool force = false, CancellationToken cancellation = default)
    {
        xml.Flush();
        if (!force && buffer.Length < FlushAt)
        {
            return;
        }
        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellation);
        buffer.SetLength(0);
        if (force)
        {
            await output.FlushAsync(cancellation);
        }
    }

    public ValueTask DisposeAsync()
    {
        xml.Dispose();
        buffer.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Wp(string name, string value) => xml.WriteElementString("wp", name, WordPressNamespace, value);

    private void Meta(string element, WxrMeta meta)
    {
        xml.WriteStartElement("wp", element, WordPressNamespace);
        Wp("meta_key", meta.Key);
        Wp("meta_value", meta.Value);
        xml.WriteEndElement();
    }

    private static string Number(long number) => number.ToString(CultureInfo.InvariantCulture);
}
