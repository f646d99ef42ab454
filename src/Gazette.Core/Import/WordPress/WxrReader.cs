using System.Globalization;
using System.Text;
using System.Xml;

namespace Gazette.Core.Import.WordPress;

/// <summary>
/// Reads a WordPress export (WXR 1.0 to 1.2, as WordPress 4 to 6 and WordPress.com write it) as a stream of records,
/// in the file's order, holding no more than one record at a time: a post's comments follow it one by one. A record
/// that cannot be read becomes a <see cref="WxrProblem"/> and reading goes on; broken XML ends the stream with a fatal
/// one. Texts come as WordPress stored them.
/// </summary>
public sealed class WxrReader : IDisposable
{
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    private readonly XmlReader xml;
    private readonly Queue<WxrRecord> pending = new();
    private string? title, link, language, version, baseSiteUrl, baseBlogUrl;
    private bool siteRead, done;
    // The reader is already on the next node to look at (a field read moves past its element's end): not to be read past.
    private bool positioned;
    private int itemDepth = -1;
    // WordPress 5 and later write each category and tag twice, the second time as a wp:term: each is read once.
    private readonly HashSet<(string, string)> termsRead = [];
    private long itemId;

    private WxrReader(Stream stream)
    {
        xml = ExportXml.Open(stream);
    }

    public static IEnumerable<WxrRecord> Read(Stream stream)
    {
        using var reader = new WxrReader(stream);
        while (true)
        {
            WxrRecord? record;
            try
            {
                record = reader.Next();
            }
            catch (XmlException e)
            {
                reader.done = true;
                record = new WxrProblem("file", null, $"The file is not well-formed XML from line {e.LineNumber}, column {e.LinePosition} on: {e.Message}", IsFatal: true);
            }
            if (record is null)
            {
                yield break;
            }
            yield return record;
            if (reader.done && reader.pending.Count == 0)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// The highest <c>wp:comment_id</c> in the file (0 for none), read in one quick pass before the import: comments
    /// keep their WordPress ids, so what the import adds of its own (placeholders) must take ids no later comment of
    /// the file wants. A file that is not well-formed gives what was read before the fault.
    /// </summary>
    public static long HighestCommentId(Stream stream)
    {
        long highest = 0;
        using var xml = ExportXml.Open(stream);
        try
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "comment_id" && xml.Prefix == "wp"
                    && long.TryParse(xml.ReadElementContentAsString().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > highest)
                {
                    highest = id;
                }
            }
        }
        catch (XmlException)
        {
            // The import itself reports where the file breaks.
        }
        return highest;
    }

    public void Dispose() => xml.Dispose();

    private WxrRecord? Next()
    {
        if (pending.TryDequeue(out var queued))
        {
            return queued;
        }
        if (done)
        {
            return null;
        }
        if (itemDepth >= 0)
        {
            var comment = NextComment();
            if (comment is not null)
            {
                return comment;
            }
        }
        while (positioned || xml.Read())
        {
            positioned = false;
            if (xml.NodeType != XmlNodeType.Element || xml.Depth != 2)
            {
                continue;
            }
            positioned = true;
            switch (Name())
            {
                case "title": title = Text(); continue;
                case "link": link = Text(); continue;
                case "language": language = Text(); continue;
                case "wp:wxr_version": version = Text(); continue;
                case "wp:base_site_url": baseSiteUrl = Text(); continue;
                case "wp:base_blog_url": baseBlogUrl = Text(); continue;
            }
            var record = Name() switch
            {
                "wp:author" => Author(Fields()),
                "wp:category" => Category(Fields()),
                "wp:tag" => Tag(Fields()),
                "wp:term" => Term(Fields()),
                "item" => Item(),
                _ => Skipped(),
            };
            if (record is null || (record is WxrTerm term && !termsRead.Add((term.TaxonomyName, term.Slug))))
            {
                continue;
            }
            if (!siteRead)
            {
                pending.Enqueue(record);
                return Site();
            }
            return record;
        }
        done = true;
        return siteRead ? null : Site();
    }

    private WxrRecord? Skipped()
    {
        xml.Skip();
        return null;
    }

    private WxrSite Site()
    {
        siteRead = true;
        return new WxrSite(title, link, baseSiteUrl, baseBlogUrl, version, language);
    }

    /// <summary>The element's name with its namespace told by a stable prefix, whatever prefix or version the file uses.</summary>
    private string Name()
    {
        var ns = xml.NamespaceURI;
        if (ns.Length == 0)
        {
            return xml.LocalName;
        }
        if (ns.Contains("wordpress.org/export/", StringComparison.Ordinal))
        {
            return (ns.Contains("/excerpt/", StringComparison.Ordinal) ? "excerpt:" : "wp:") + xml.LocalName;
        }
        return ns switch
        {
            ContentNamespace => "content:" + xml.LocalName,
            DublinCoreNamespace => "dc:" + xml.LocalName,
            _ => "?:" + xml.LocalName,
        };
    }

    /// <summary>The element's text (CDATA sections joined, child elements ignored); leaves the reader after its end.</summary>
    private string Text()
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return "";
        }
        var depth = xml.Depth;
        var text = new StringBuilder();
        xml.Read();
        while (!(xml.Depth == depth && xml.NodeType == XmlNodeType.EndElement))
        {
            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(xml.Value);
            }
            xml.Read();
        }
        xml.Read();
        return text.ToString();
    }

    /// <summary>The texts of the element's children by name (the last of a name wins); leaves the reader after its end.</summary>
    private Dictionary<string, string> Fields()
    {
        var fields = new Dictionary<string, string>();
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return fields;
        }
        var depth = xml.Depth;
        xml.Read();
        while (!(xml.Depth == depth && xml.NodeType == XmlNodeType.EndElement))
        {
            if (xml.NodeType == XmlNodeType.Element)
            {
                fields[Name()] = Text();
            }
            else
            {
                xml.Read();
            }
        }
        xml.Read();
        return fields;
    }

    private static WxrRecord Author(Dictionary<string, string> f)
    {
        var login = f.GetValueOrDefault("wp:author_login")?.Trim();
        if (string.IsNullOrEmpty(login))
        {
            return new WxrProblem("author", f.GetValueOrDefault("wp:author_id"), "The author has no login.");
        }
        return new WxrAuthor(Number(f.GetValueOrDefault("wp:author_id")), login, Blank(f.GetValueOrDefault("wp:author_email")),
            Blank(f.GetValueOrDefault("wp:author_display_name")), Blank(f.GetValueOrDefault("wp:author_first_name")),
            Blank(f.GetValueOrDefault("wp:author_last_name")));
    }

    private static WxrRecord Category(Dictionary<string, string> f) => TermOf(WxrTaxonomy.Category, "category", "category",
        f.GetValueOrDefault("wp:term_id"), f.GetValueOrDefault("wp:category_nicename"), f.GetValueOrDefault("wp:cat_name"),
        f.GetValueOrDefault("wp:category_parent"), f.GetValueOrDefault("wp:category_description"));

    private static WxrRecord Tag(Dictionary<string, string> f) => TermOf(WxrTaxonomy.Tag, "post_tag", "tag",
        f.GetValueOrDefault("wp:term_id"), f.GetValueOrDefault("wp:tag_slug"), f.GetValueOrDefault("wp:tag_name"),
        null, f.GetValueOrDefault("wp:tag_description"));

    private static WxrRecord Term(Dictionary<string, string> f)
    {
        var taxonomy = f.GetValueOrDefault("wp:term_taxonomy") ?? "";
        var kind = taxonomy switch
        {
            "category" => WxrTaxonomy.Category,
            "post_tag" => WxrTaxonomy.Tag,
            _ => WxrTaxonomy.Other,
        };
        return TermOf(kind, taxonomy, "term", f.GetValueOrDefault("wp:term_id"), f.GetValueOrDefault("wp:term_slug"),
            f.GetValueOrDefault("wp:term_name"), f.GetValueOrDefault("wp:term_parent"), f.GetValueOrDefault("wp:term_description"));
    }

    private static WxrRecord TermOf(WxrTaxonomy kind, string taxonomy, string what, string? id, string? slug, string? name, string? parent, string? description)
    {
        slug = slug?.Trim();
        if (string.IsNullOrEmpty(slug))
        {
            return new WxrProblem(what, id ?? name, $"The {what} has no slug.");
        }
        return new WxrTerm(kind, taxonomy, Number(id), slug, string.IsNullOrEmpty(name) ? slug : name, Blank(parent?.Trim()), Blank(description));
    }

    /// <summary>An item's own fields, up to its first comment (then read one by one by <see cref="NextComment"/>) or its end.</summary>
    private WxrRecord Item()
    {
        var depth = xml.Depth;
        var f = new Dictionary<string, string>();
        var terms = new List<WxrItemTerm>();
        var meta = new List<WxrMeta>();
        var hasComments = false;
        if (xml.IsEmptyElement)
        {
            xml.Read();
        }
        else
        {
            xml.Read();
            while (!(xml.Depth == depth && xml.NodeType == XmlNodeType.EndElement))
            {
                if (xml.NodeType != XmlNodeType.Element)
                {
                    xml.Read();
                    continue;
                }
                var name = Name();
                if (name == "wp:comment")
                {
                    hasComments = true;
                    break;
                }
                if (name == "category")
                {
                    var domain = xml.GetAttribute("domain") ?? "category";
                    var nicename = xml.GetAttribute("nicename");
                    var text = Text();
                    terms.Add(new WxrItemTerm(domain, string.IsNullOrEmpty(nicename) ? text : nicename, text));
                }
                else if (name == "wp:postmeta")
                {
                    ReadMeta(meta);
                }
                else
                {
                    f[name] = Text();
                }
            }
            if (!hasComments)
            {
                xml.Read();
            }
        }

        var id = Number(f.GetValueOrDefault("wp:post_id"));
        if (hasComments)
        {
            // On the first comment, read by NextComment; at the item's end, the main loop reads past it.
            itemDepth = depth;
            itemId = id ?? 0;
            positioned = false;
        }
        if (id is null)
        {
            return new WxrProblem("item", f.GetValueOrDefault("guid") ?? f.GetValueOrDefault("title"), "The item has no post id.");
        }
        return new WxrItem(id.Value, Blank(f.GetValueOrDefault("wp:post_type")) ?? "post", Blank(f.GetValueOrDefault("wp:status")) ?? "publish",
            f.GetValueOrDefault("title") ?? "", Blank(f.GetValueOrDefault("link")), Blank(f.GetValueOrDefault("guid")),
            Blank(f.GetValueOrDefault("dc:creator")), f.GetValueOrDefault("content:encoded") ?? "", f.GetValueOrDefault("excerpt:encoded") ?? "",
            f.GetValueOrDefault("wp:post_name") ?? "", Date(f.GetValueOrDefault("wp:post_date_gmt")), Blank(f.GetValueOrDefault("wp:post_date")),
            Blank(f.GetValueOrDefault("wp:comment_status")), Number(f.GetValueOrDefault("wp:post_parent")) ?? 0,
            (int)(Number(f.GetValueOrDefault("wp:menu_order")) ?? 0), f.GetValueOrDefault("wp:is_sticky") == "1",
            Blank(f.GetValueOrDefault("wp:post_password")), Blank(f.GetValueOrDefault("wp:attachment_url")), terms, meta);
    }

    /// <summary>The current item's next comment, or null at its end (the reader then after it).</summary>
    private WxrRecord? NextComment()
    {
        while (!(xml.Depth == itemDepth && xml.NodeType == XmlNodeType.EndElement))
        {
            if (xml.NodeType == XmlNodeType.Element && Name() == "wp:comment")
            {
                return Comment();
            }
            if (xml.NodeType == XmlNodeType.Element)
            {
                xml.Skip();
            }
            else if (!xml.Read())
            {
                break;
            }
        }
        itemDepth = -1;
        return null;
    }

    private WxrRecord Comment()
    {
        var depth = xml.Depth;
        var f = new Dictionary<string, string>();
        var meta = new List<WxrMeta>();
        if (xml.IsEmptyElement)
        {
            xml.Read();
        }
        else
        {
            xml.Read();
            while (!(xml.Depth == depth && xml.NodeType == XmlNodeType.EndElement))
            {
                if (xml.NodeType != XmlNodeType.Element)
                {
                    xml.Read();
                }
                else if (Name() == "wp:commentmeta")
                {
                    ReadMeta(meta);
                }
                else
                {
                    var name = Name();
                    f[name] = Text();
                }
            }
            xml.Read();
        }
        var id = Number(f.GetValueOrDefault("wp:comment_id"));
        if (id is null)
        {
            return new WxrProblem("comment", $"post {itemId}", "The comment has no id.");
        }
        return new WxrComment(itemId, id.Value, f.GetValueOrDefault("wp:comment_author") ?? "", Blank(f.GetValueOrDefault("wp:comment_author_email")),
            Blank(f.GetValueOrDefault("wp:comment_author_url")), Blank(f.GetValueOrDefault("wp:comment_author_IP")),
            Date(f.GetValueOrDefault("wp:comment_date_gmt")), Blank(f.GetValueOrDefault("wp:comment_date")),
            f.GetValueOrDefault("wp:comment_content") ?? "", f.GetValueOrDefault("wp:comment_approved")?.Trim() ?? "1",
            f.GetValueOrDefault("wp:comment_type")?.Trim() ?? "", Number(f.GetValueOrDefault("wp:comment_parent")) ?? 0,
            Number(f.GetValueOrDefault("wp:comment_user_id")) ?? 0, meta);
    }

    /// <summary>A postmeta or commentmeta element, added to the list when it names its key.</summary>
    private void ReadMeta(List<WxrMeta> meta)
    {
        var fields = Fields();
        if (fields.TryGetValue("wp:meta_key", out var key))
        {
            meta.Add(new WxrMeta(key, fields.GetValueOrDefault("wp:meta_value") ?? ""));
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static long? Number(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>A date as WordPress writes it (<c>2023-01-16 07:17:56</c>), in UTC; null for its "no date" (all zeros).</summary>
    public static DateTime? Date(string? text) =>
        DateTime.TryParseExact(text?.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
