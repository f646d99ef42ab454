using System.Text;
using System.Xml;
using Gazette.Core.Xml;

namespace Gazette.Core.Import;

/// <summary>How an export of another system is opened: UTF-8 (a byte order mark honoured), no DTD or external
/// resource, and each raw control character XML forbids read as U+FFFD (exporters write stored text as it is, and
/// .NET's reader would refuse the rest of the file); character references (<c>&amp;#7;</c>) are read as they are.</summary>
public static class ExportXml
{
    public static XmlReader Open(Stream stream) =>
        XmlReader.Create(new ForbiddenCharacterFilter(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true)),
            new XmlReaderSettings
            {
                CheckCharacters = false,
                DtdProcessing = DtdProcessing.Ignore,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                CloseInput = true,
            });
}
