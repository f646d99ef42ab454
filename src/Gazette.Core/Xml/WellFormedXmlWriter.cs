using System.Xml;

namespace Gazette.Core.Xml;

/// <summary>
/// An <see cref="XmlWriter"/> that passes every piece of text (element content, attribute values, CDATA, comments)
/// through <see cref="XmlCharacters.Clean"/> before the writer underneath sees it, which would otherwise throw on a
/// character XML forbids. For writers Gazette does not control, such as System.ServiceModel.Syndication's: whatever
/// they write, the document stays well-formed. Names come from code and are passed on as they are.
/// Synchronous only: build the document in memory, then send it.
/// </summary>
public sealed class WellFormedXmlWriter(XmlWriter inner) : XmlWriter
{
    public static XmlWriter Open(Stream output, XmlWriterSettings settings) => new WellFormedXmlWriter(XmlWriter.Create(output, settings));

    public override XmlWriterSettings? Settings => inner.Settings;
    public override WriteState WriteState => inner.WriteState;
    public override XmlSpace XmlSpace => inner.XmlSpace;
    public override string? XmlLang => inner.XmlLang;

    public override void WriteString(string? text) => inner.WriteString(text is null ? null : XmlCharacters.Clean(text));
    public override void WriteChars(char[] buffer, int index, int count) => WriteString(new string(buffer, index, count));
    public override void WriteCData(string? text) => inner.WriteCData(text is null ? null : XmlCharacters.Clean(text));
    public override void WriteComment(string? text) => inner.WriteComment(text is null ? null : XmlCharacters.Clean(text));
    public override void WriteRaw(string data) => inner.WriteRaw(XmlCharacters.Clean(data));
    public override void WriteRaw(char[] buffer, int index, int count) => WriteRaw(new string(buffer, index, count));
    public override void WriteProcessingInstruction(string name, string? text) => inner.WriteProcessingInstruction(name, text is null ? null : XmlCharacters.Clean(text));
    public override void WriteCharEntity(char ch) => inner.WriteCharEntity(XmlConvert.IsXmlChar(ch) ? ch : XmlCharacters.Replacement);

    public override void WriteSurrogateCharEntity(char lowChar, char highChar)
    {
        if (XmlConvert.IsXmlSurrogatePair(lowChar, highChar))
        {
            inner.WriteSurrogateCharEntity(lowChar, highChar);
        }
        else
        {
            inner.WriteCharEntity(XmlCharacters.Replacement);
        }
    }

    public override void WriteStartDocument() => inner.WriteStartDocument();
    public override void WriteStartDocument(bool standalone) => inner.WriteStartDocument(standalone);
    public override void WriteEndDocument() => inner.WriteEndDocument();
    public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) => inner.WriteDocType(name, pubid, sysid, subset);
    public override void WriteStartElement(string? prefix, string localName, string? ns) => inner.WriteStartElement(prefix, localName, ns);
    public override void WriteEndElement() => inner.WriteEndElement();
    public override void WriteFullEndElement() => inner.WriteFullEndElement();
    public override void WriteStartAttribute(string? prefix, string localName, string? ns) => inner.WriteStartAttribute(prefix, localName, ns);
    public override void WriteEndAttribute() => inner.WriteEndAttribute();
    public override void WriteEntityRef(string name) => inner.WriteEntityRef(name);
    public override void WriteWhitespace(string? ws) => inner.WriteWhitespace(ws);
    public override void WriteBase64(byte[] buffer, int index, int count) => inner.WriteBase64(buffer, index, count);
    public override void Flush() => inner.Flush();
    public override void Close() => inner.Close();
    public override string? LookupPrefix(string ns) => inner.LookupPrefix(ns);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
