using System.Text;
using System.Xml;
using System.Xml.Linq;
using Gazette.Core.Xml;

namespace Gazette.Tests.Core;

/// <summary>Characters XML 1.0 forbids become U+FFFD on their way into XML; everything else passes untouched (issue 11).</summary>
public sealed class XmlCharactersTests
{
    [Theory]
    [InlineData("hello \u000B world", "hello \uFFFD world")]
    [InlineData("bell \u0007", "bell \uFFFD")]
    [InlineData("\u0000nul", "\uFFFDnul")]
    [InlineData("\u0001\u0002\u001F", "\uFFFD\uFFFD\uFFFD")]
    [InlineData("not a character \uFFFE \uFFFF", "not a character \uFFFD \uFFFD")]
    public void ForbiddenCharactersBecomeTheReplacementCharacter(string text, string expected)
    {
        Assert.Equal(expected, XmlCharacters.Clean(text));
        Assert.False(XmlCharacters.AreAllowed(text));
    }

    [Fact]
    public void LoneSurrogatesBecomeTheReplacementCharacter()
    {
        // Not in [InlineData]: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        (string Text, string Expected)[] cases =
        [
            ("lone high \uD800 here", "lone high \uFFFD here"),
            ("lone low \uDC00 here", "lone low \uFFFD here"),
            ("reversed \uDC00\uD800", "reversed \uFFFD\uFFFD"),
            ("ends high \uD83D", "ends high \uFFFD"),
            ("pair then lone \uD83D\uDE00\uDE00", "pair then lone \uD83D\uDE00\uFFFD"),
        ];

        Assert.All(cases, c => Assert.Equal(c.Expected, XmlCharacters.Clean(c.Text)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("tab\tnewline\ncarriage\r")]
    [InlineData("emoji 😀 and Zoë, 中文, \uE000 private use, \uFFFD itself")]
    [InlineData("<markup> & \"quotes\"")]
    public void AllowedTextIsReturnedAsItIs(string text)
    {
        Assert.Same(text, XmlCharacters.Clean(text));
        Assert.True(XmlCharacters.AreAllowed(text));
    }

    [Fact]
    public void TheWriterKeepsADocumentWellFormedWhateverItIsGiven()
    {
        using var buffer = new MemoryStream();
        using (var writer = WellFormedXmlWriter.Open(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartElement("root");
            writer.WriteAttributeString("name", "bell \u0007");
            writer.WriteElementString("text", "hello \u000B world \uD800");
            writer.WriteStartElement("chars");
            writer.WriteChars("a\u0001b".ToCharArray(), 0, 3);
            writer.WriteEndElement();
            writer.WriteStartElement("entity");
            writer.WriteCharEntity('\u0002');
            writer.WriteEndElement();
            writer.WriteCData("cdata \u0003");
            writer.WriteComment("comment \u0004");
            writer.WriteEndElement();
        }

        var document = XDocument.Load(XmlReader.Create(new MemoryStream(buffer.ToArray()), new XmlReaderSettings { CheckCharacters = true }));

        var root = document.Root!;
        Assert.Equal("bell \uFFFD", root.Attribute("name")!.Value);
        Assert.Equal("hello \uFFFD world \uFFFD", root.Element("text")!.Value);
        Assert.Equal("a\uFFFDb", root.Element("chars")!.Value);
        Assert.Equal("\uFFFD", root.Element("entity")!.Value);
        Assert.Equal("cdata \uFFFD", root.Nodes().OfType<XCData>().Single().Value);
        Assert.Equal("comment \uFFFD", root.Nodes().OfType<XComment>().Single().Value);
    }
}
