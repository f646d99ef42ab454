using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Gazette.Infrastructure;

/// <summary>
/// Markup written into blocks of characters and handed to the page as one piece. MVC keeps every literal and every
/// expression a view writes as an entry of its own, and later writes them to the response one by one, each an
/// asynchronous call: a thread of 300 comments made some 12,000 of them. A view makes this its writer around a long
/// loop (<c>PushWriter</c>, <c>PopWriter</c>) and then writes it as one value.
/// </summary>
public sealed class HtmlBlocks : TextWriter, IHtmlContent
{
    // Characters: 32 KB blocks stay below the large-object heap.
    private const int BlockSize = 16 * 1024;

    private readonly List<char[]> full = [];
    private char[] current = new char[BlockSize];
    private int used;

    public override Encoding Encoding => Encoding.Unicode;

    public override void Write(char value)
    {
        if (used == current.Length)
        {
            NextBlock();
        }
        current[used++] = value;
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (used == current.Length)
            {
                NextBlock();
            }
            var length = Math.Min(buffer.Length, current.Length - used);
            buffer[..length].CopyTo(current.AsSpan(used));
            used += length;
            buffer = buffer[length..];
        }
    }

    private void NextBlock()
    {
        full.Add(current);
        current = new char[BlockSize];
        used = 0;
    }

    /// <summary>The markup as it was written: it was encoded on the way in.</summary>
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        foreach (var block in full)
        {
            writer.Write(block);
        }
        writer.Write(current, 0, used);
    }
}
