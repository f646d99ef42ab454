using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gazette.Data;
using Gazette.Privacy;
using Microsoft.Extensions.Options;

namespace Gazette.Infrastructure;

/// <summary>
/// Turns IP addresses into keyed hashes (HMAC-SHA256), so that votes and abuse can be tied to an address without
/// storing it. The key comes from the configuration (<c>Privacy:IpHashKey</c>) or else lives in the data folder (made on
/// first use), never in the repository or the database.
/// </summary>
public sealed class IpHasher
{
    private readonly byte[] key;

    public IpHasher(IOptions<StorageOptions> storage, IOptions<PrivacyOptions> privacy, IWebHostEnvironment environment)
    {
        if (!string.IsNullOrEmpty(privacy.Value.IpHashKey))
        {
            key = Encoding.UTF8.GetBytes(privacy.Value.IpHashKey);
            return;
        }
        var folder = Path.Combine(storage.Value.DataPath(environment.ContentRootPath), "secrets");
        var path = Path.Combine(folder, "ip-hash.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                file.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance made it first: use theirs.
            }
        }
        key = File.ReadAllBytes(path);
    }

    public string? Hash(IPAddress? address) =>
        address is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(address.MapToIPv6().ToString())));
}
