using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gazette.Data;
using Gazette.Privacy;
using Gazette.Scaling;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gazette.Infrastructure;

/// <summary>
/// Turns IP addresses into keyed hashes (HMAC-SHA256), so that votes and abuse can be tied to an address without
/// storing it. The key comes from the configuration (<c>Privacy:IpHashKey</c>) or else lives in the data folder (made on
/// first use), never in the repository or the database. With Redis, instances must hash alike: the first one to get
/// there puts its key in Redis (SET NX, so an existing site's hashes stay valid), every instance takes the key found
/// there and keeps it in its data folder too. Until Redis answers, an instance hashes with its own key and asks again
/// every few seconds.
/// </summary>
public sealed class IpHasher
{
    private const string Use = "the shared IP-hash key";
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(10);

    private readonly RedisConnection? redis;
    private readonly string? path;
    private readonly Lock gate = new();
    private byte[] key;
    private volatile bool sharing;
    private long nextTry;

    public IpHasher(IOptions<StorageOptions> storage, IOptions<PrivacyOptions> privacy, IWebHostEnvironment environment, RedisConnection? redis = null)
    {
        if (!string.IsNullOrEmpty(privacy.Value.IpHashKey))
        {
            key = Encoding.UTF8.GetBytes(privacy.Value.IpHashKey);
            return;
        }
        var folder = Path.Combine(storage.Value.DataPath(environment.ContentRootPath), "secrets");
        path = Path.Combine(folder, "ip-hash.key");
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
        if (redis is { IsConfigured: true })
        {
            this.redis = redis;
            sharing = true;
            TryShare();
        }
    }

    public string? Hash(IPAddress? address)
    {
        if (sharing)
        {
            TryShare();
        }
        return address is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(address.MapToIPv6().ToString())));
    }

    private void TryShare()
    {
        lock (gate)
        {
            if (!sharing || Environment.TickCount64 < nextTry)
            {
                return;
            }
            try
            {
                var database = redis!.Database;
                var name = redis.Key("ip-hash-key");
                database.StringSet(name, key, when: When.NotExists);
                if ((byte[]?)database.StringGet(name) is not { Length: > 0 } shared)
                {
                    return;
                }
                var mine = key;
                key = shared;
                sharing = false;
                redis.ReportSuccess(Use);
                if (!shared.AsSpan().SequenceEqual(mine))
                {
                    KeepInDataFolder(shared);
                }
            }
            catch (Exception e) when (RedisConnection.IsOutage(e))
            {
                redis!.ReportFailure(Use, e);
                nextTry = Environment.TickCount64 + (long)RetryEvery.TotalMilliseconds;
            }
        }
    }

    /// <summary>So that this instance offers the shared key if Redis ever loses it (a Redis without persistence, restarted).</summary>
    private void KeepInDataFolder(byte[] shared)
    {
        try
        {
            File.WriteAllBytes(path!, shared);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The key in memory is the shared one; the file only helps after Redis has lost it.
        }
    }
}
