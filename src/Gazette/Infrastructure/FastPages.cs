using System.Collections.Concurrent;
using Gazette.Scaling;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Gazette.Infrastructure;

/// <summary>
/// A page the page cache answered anonymously, exactly as it went out (status 200, headers, body as compressed), for
/// <see cref="PageCacheFastLane"/> to send again without the pipeline. <paramref name="ReadSlug"/> is the article whose
/// read a hit counts, if the page is an article page; the times are <see cref="Environment.TickCount64"/>'s, the first
/// when the page cache stored the page (for the Age header, as the page cache sends it).
/// </summary>
internal sealed record FastPage(KeyValuePair<string, StringValues>[] Headers, byte[] Body, string? ReadSlug, long StoredAtMs, long ExpiresAtMs);

/// <summary>
/// The fast lane's pages, in this instance's memory, keyed by what the answer depends on before anything has run:
/// scheme, host, path, query and the Accept-Encoding header as sent (the page cache varies by the encoding it picks; a
/// few header spellings share one kept copy there, each has its own here). Filled only with answers the page cache
/// itself stored or served, so every rule of <see cref="PageCache"/> and <see cref="CompressionPolicy"/> holds; a page
/// expires when the page cache's copy does; any eviction of the page cache (<see cref="PageCacheEviction"/>: a write
/// here, another instance's message through Redis, the settings) drops every page here. Bounded by
/// <see cref="PageCacheOptions.FastLaneMegabytes"/>: when full, pages are still served, through the pipeline. Off when
/// instances share through Redis: another instance's eviction reaches this one a moment after its write, and a reader
/// who posts through one instance must see the comment at the next request on any of them (the page cache in Redis
/// is evicted before the post's answer goes out; a copy here would not be).
/// </summary>
internal sealed class FastPages(IOptions<PageCacheOptions> options, RedisConnection redis)
{
    private readonly ConcurrentDictionary<FastPageKey, FastPage> pages = new();
    private readonly long budget = options.Value.FastLaneMegabytes * 1024L * 1024L;
    private long bytes;
    private long evictions;

    public bool Enabled { get; } = options.Value.Enabled && options.Value.FastLaneMegabytes > 0 && !redis.IsConfigured;

    /// <summary>Answers sent by the fast lane since start (tests and benchmarks check the lane took them).</summary>
    public long Served => Interlocked.Read(ref served);
    private long served;

    /// <summary>Taken when a request starts filling: <see cref="TryAdd"/> keeps its page only if no eviction came since.</summary>
    public long Evictions => Interlocked.Read(ref evictions);

    public bool TryGet(in FastPageKey key, out FastPage page)
    {
        if (pages.TryGetValue(key, out page!))
        {
            if (Environment.TickCount64 < page.ExpiresAtMs)
            {
                Interlocked.Increment(ref served);
                return true;
            }
            Remove(key);
        }
        return false;
    }

    public void TryAdd(FastPageKey key, FastPage page, long evictionsAtStart)
    {
        if (Interlocked.Read(ref evictions) != evictionsAtStart)
        {
            return;
        }
        if (Interlocked.Read(ref bytes) + page.Body.Length > budget)
        {
            DropExpired();
            if (Interlocked.Read(ref bytes) + page.Body.Length > budget)
            {
                return;
            }
        }
        if (pages.TryAdd(key, page))
        {
            Interlocked.Add(ref bytes, page.Body.Length);
        }
        // An eviction that began after the check above may have swept before the page went in: it goes now.
        if (Interlocked.Read(ref evictions) != evictionsAtStart)
        {
            Remove(key);
        }
    }

    /// <summary>Drops every page; pages being filled meanwhile are not kept. Counted first, then swept.</summary>
    public void EvictAll()
    {
        Interlocked.Increment(ref evictions);
        foreach (var key in pages.Keys)
        {
            Remove(key);
        }
    }

    private void DropExpired()
    {
        var now = Environment.TickCount64;
        foreach (var (key, page) in pages)
        {
            if (now >= page.ExpiresAtMs)
            {
                Remove(key);
            }
        }
    }

    private void Remove(in FastPageKey key)
    {
        if (pages.TryRemove(key, out var removed))
        {
            Interlocked.Add(ref bytes, -removed.Body.Length);
        }
    }
}

/// <summary>What an anonymous GET's answer from the page cache depends on, read from the request as it arrives.</summary>
internal readonly record struct FastPageKey(bool Https, string Host, string Path, string Query, string AcceptEncoding)
{
    public static FastPageKey Of(HttpRequest request) => new(request.IsHttps, request.Host.Value ?? "",
        (request.PathBase.HasValue ? request.PathBase.Add(request.Path) : request.Path).Value ?? "", request.QueryString.Value ?? "", request.Headers.AcceptEncoding.ToString());
}
