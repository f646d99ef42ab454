using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Gazette.Core.Text;

/// <summary>
/// A text as one writer wrote it, in 64 bits, for finding the same text from the same writer again (the duplicate rule):
/// spacing aside, as written, so that "NULL" and "null" differ and a comment sent again with other spacing does not.
/// Stored with each comment, the look-up is one index probe on the fingerprint alone, instead of a read of everything
/// the writer posted lately. The first 8 bytes of SHA-256 over the writer and the text's UTF-16 code units, so that a
/// stored value means the same in every version and any text (lone surrogates too) has its own.
/// </summary>
public static class TextFingerprint
{
    /// <param name="writer">Who wrote it, in a form no other writer shares (an account, a browser, an e-mail address, each with its kind).</param>
    public static long Of(string writer, string text)
    {
        var comparable = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var written = string.Concat(writer, "\n", comparable);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(written.AsSpan()), hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }
}
