using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Gazette.Core.Text;

/// <summary>
/// A comment's text in 64 bits, for finding the same text again (the duplicate rule): spacing aside, as written, so that
/// "NULL" and "null" differ and a comment sent again with other spacing does not. Stored with each comment, the look-up
/// is one index probe instead of a read of everything its writer posted lately. The first 8 bytes of SHA-256 over the
/// text's UTF-16 code units, so that a stored value means the same in every version and any text (lone surrogates
/// too) has its own.
/// </summary>
public static class TextFingerprint
{
    public static long Of(string text)
    {
        var comparable = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(comparable.AsSpan()), hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }
}
