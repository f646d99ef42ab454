using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Gazette.Core.Import.Disqus;

/// <summary>One thing a Disqus export holds, in the file's order (categories, then threads, then posts).</summary>
public abstract record DisqusRecord;

public sealed record DisqusCategory(string? DsqId, string? Forum, string Title) : DisqusRecord;

public sealed record DisqusAuthor(string? Name, string? Email, string? Username, bool IsAnonymous);

/// <summary>A discussion: what it belongs to on the old site is told by <see cref="Identifier"/> (the site's own id for
/// the page, such as WordPress's <c>123 http://old.example/?p=123</c>) and <see cref="Link"/>.</summary>
public sealed record DisqusThread(string? DsqId, string? Identifier, string? Forum, string? Link, string? Title, DateTime? CreatedAt,
    bool IsClosed, bool IsDeleted, DisqusAuthor? Author) : DisqusRecord
{
    /// <summary>How posts name this thread: Disqus's internal id, or else its identifier.</summary>
    public string? Key => DsqId ?? Identifier;
}

/// <summary>
/// A comment. Its thread and parent are named either by Disqus's internal id (<c>dsq:id</c>) or by their own
/// <c>id</c>, as the export has them: <see cref="ThreadKey"/> and <see cref="ParentKey"/> match <see cref="DisqusThread.Key"/>
/// and <see cref="Key"/>.
/// </summary>
public sealed record DisqusPost(string? DsqId, string? Id, string Message, DateTime? CreatedAt, bool IsDeleted, bool IsSpam,
    DisqusAuthor Author, string? IpAddress, string? ThreadDsqId, string? ThreadId, string? ParentDsqId, string? ParentId) : DisqusRecord
{
    public string? Key => DsqId ?? Id;
}

public sealed record DisqusProblem(string Kind, string? SourceId, string Reason, bool IsFatal = false) : DisqusRecord;

/// <summary>
/// Reads a Disqus export (<c>http://disqus.com</c> namespace, its schema 1.0) as a stream of records, one top-level
/// element in memory at a time. A record that cannot be read becomes a <see cref="DisqusProblem"/> and reading goes
/// on; broken XML ends the stream with a fatal one.
/// </summary>
public static class DisqusReader
{
    private static readonly XNamespace Disqus = "http://disqus.com";
    private static readonly XNamespace Internals = "http://disqus.com/disqus-internals";

    public static IEnumerable<DisqusRecord> Read(Stream stream)
    {
        using var xml = ExportXml.Open(stream);
        while (true)
        {
            DisqusRecord? record;
            try
            {
                record = Next(xml);
            }
            catch (XmlException e)
            {
                record = new DisqusProblem("file", null, $"The file is not well-formed XML from line {e.LineNumber}, column {e.LinePosition} on: {e.Message}", IsFatal: true);
            }
            if (record is null)
            {
                yield break;
            }
            yield return record;
            if (record is DisqusProblem { IsFatal: true })
            {
                yield break;
            }
        }
    }

    private static DisqusRecord? Next(XmlReader xml)
    {
        while (!xml.EOF)
        {
            if (xml.NodeType != XmlNodeType.Element || xml.Depth != 1)
            {
                xml.Read();
                continue;
            }
            // One top-level element, whole: ReadFrom leaves the reader on the node after it.
            var element = (XElement)XNode.ReadFrom(xml);
            var record = element.Name.LocalName switch
            {
                "category" => Category(element),
                "thread" => Thread(element),
                "post" => Post(element),
                _ => null,
            };
            if (record is not null)
            {
                return record;
            }
        }
        return null;
    }

    private static string? Text(XElement parent, string name) =>
        parent.Element(Disqus + name)?.Value is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool Flag(XElement parent, string name) => Text(parent, name) is "true" or "1";

    private static string? DsqId(XElement element) =>
        element.Attribute(Internals + "id")?.Value is { Length: > 0 } id ? id : null;

    private static DisqusRecord Category(XElement e) =>
        new DisqusCategory(DsqId(e), Text(e, "forum"), Text(e, "title") ?? "");

    private static DisqusRecord Thread(XElement e)
    {
        var dsqId = DsqId(e);
        var identifier = Text(e, "id");
        if (dsqId is null && identifier is null)
        {
            return new DisqusProblem("thread", Text(e, "link") ?? Text(e, "title"), "The thread has neither a Disqus id nor an identifier.");
        }
        return new DisqusThread(dsqId, identifier, Text(e, "forum"), Text(e, "link"), Text(e, "title"), Date(Text(e, "createdAt")),
            Flag(e, "isClosed"), Flag(e, "isDeleted"), e.Element(Disqus + "author") is { } author ? Author(author) : null);
    }

    private static DisqusRecord Post(XElement e)
    {
        var dsqId = DsqId(e);
        var id = Text(e, "id");
        var thread = e.Element(Disqus + "thread");
        var sourceId = dsqId ?? id;
        if (sourceId is null)
        {
            return new DisqusProblem("post", null, "The post has neither a Disqus id nor an id.");
        }
        if (thread is null || (DsqId(thread) is null && string.IsNullOrWhiteSpace(thread.Value)))
        {
            return new DisqusProblem("post", sourceId, "The post names no thread.");
        }
        var createdAt = Date(Text(e, "createdAt"));
        if (createdAt is null)
        {
            return new DisqusProblem("post", sourceId, $"The post's date \"{Text(e, "createdAt")}\" cannot be read.");
        }
        var parent = e.Element(Disqus + "parent");
        return new DisqusPost(dsqId, id, e.Element(Disqus + "message")?.Value ?? "", createdAt, Flag(e, "isDeleted"), Flag(e, "isSpam"),
            e.Element(Disqus + "author") is { } author ? Author(author) : new DisqusAuthor(null, null, null, true), Text(e, "ipAddress"),
            DsqId(thread), Blank(thread.Value), parent is null ? null : DsqId(parent), parent is null ? null : Blank(parent.Value));
    }

    private static DisqusAuthor Author(XElement e) =>
        new(Text(e, "name"), Text(e, "email"), Text(e, "username"), Flag(e, "isAnonymous"));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Disqus's dates (<c>2012-12-12T12:12:12Z</c>, the zone sometimes left out), in UTC.</summary>
    private static DateTime? Date(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
