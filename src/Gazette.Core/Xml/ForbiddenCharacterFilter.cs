using System.Buffers;

namespace Gazette.Core.Xml;

/// <summary>
/// A text reader that passes a file on with each raw control character XML 1.0 forbids (and U+FFFE, U+FFFF) replaced
/// by U+FFFD. Exports made by other software hold them (WordPress writes stored text into CDATA as it is), and .NET's
/// XmlReader refuses such a file from that character on, whatever its settings. Character references (<c>&amp;#7;</c>)
/// are the XML reader's to judge; surrogates pass untouched (a pair may straddle two reads, and a decoder never
/// yields a lone one).
/// </summary>
public sealed class ForbiddenCharacterFilter(TextReader inner) : TextReader
{
    public override int Peek() => Clean(inner.Peek());

    public override int Read() => Clean(inner.Read());

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = inner.Read(buffer);
        Replace(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Replace(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private static int Clean(int c) => c >= 0 && IsForbidden((char)c) ? XmlCharacters.Replacement : c;

    private static bool IsForbidden(char c) => Forbidden.Contains(c);

    /// <summary>Searched for a block at a time (vectorised): a file holds almost none, and a check per character cost the import more than reading its XML.</summary>
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\uFFFE', '\uFFFF']);

    private static void Replace(Span<char> text)
    {
        for (var at = text.IndexOfAny(Forbidden); at >= 0; at = text.IndexOfAny(Forbidden))
        {
            text[at] = XmlCharacters.Replacement;
            text = text[(at + 1)..];
        }
    }
}
