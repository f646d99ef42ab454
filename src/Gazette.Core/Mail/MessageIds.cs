using System.Security.Cryptography;
using System.Text;

namespace Gazette.Core.Mail;

/// <summary>
/// Message-IDs on the site's own domain (RFC 5322 §3.6.4). A message gets a random one; a discussion gets a stable one,
/// never sent itself, that every mail about it names in In-Reply-To and References, so that mail programs thread them.
/// </summary>
public static class MessageIds
{
    /// <summary>A new id, such as <c>&lt;3f2a…@news.example.org&gt;</c>.</summary>
    public static string New(string domain) => $"<{Guid.NewGuid():N}@{Domain(domain)}>";

    /// <summary>The id standing for one discussion (an article's comments, say), the same every time for the same key.</summary>
    public static string ForThread(string threadKey, string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(threadKey);
        // Hashed: a key may hold characters a Message-ID may not, and need not be shown to the reader.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(threadKey)))[..32];
        return $"<thread.{hash}@{Domain(domain)}>";
    }

    private static string Domain(string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        return domain.Trim().TrimEnd('.').ToLowerInvariant();
    }
}
