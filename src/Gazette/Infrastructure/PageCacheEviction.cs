using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace Gazette.Infrastructure;

/// <summary>
/// The page cache's store (in memory, or Redis through <c>TolerantPageStore</c>) with the fast lane's pages let go at
/// every eviction: whoever evicts pages (a write through <see cref="SiteCache"/>, another instance's message, the
/// settings) evicts the fast lane's copies with them, on this instance, without knowing it is there.
/// </summary>
internal class PageCacheEviction(IOutputCacheStore store, FastPages fastPages) : IOutputCacheStore
{
    /// <summary>Keeps the store's buffer interface when it has one (Redis's): the output-cache middleware looks for it.</summary>
    public static IOutputCacheStore Around(IOutputCacheStore store, FastPages fastPages) => store is IOutputCacheBufferStore buffers
        ? new Buffered(buffers, fastPages)
        : new PageCacheEviction(store, fastPages);

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        fastPages.EvictAll();
        await store.EvictByTagAsync(tag, cancellationToken);
        // Again after: a fast-lane fill that read the store's copy before it went could otherwise have kept it.
        fastPages.EvictAll();
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => store.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        store.SetAsync(key, value, tags, validFor, cancellationToken);

    private sealed class Buffered(IOutputCacheBufferStore store, FastPages fastPages) : PageCacheEviction(store, fastPages), IOutputCacheBufferStore
    {
        public ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken) =>
            store.TryGetAsync(key, destination, cancellationToken);

        public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
            store.SetAsync(key, value, tags, validFor, cancellationToken);
    }
}
