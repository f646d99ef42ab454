using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace Gazette.Scaling;

/// <summary>
/// The page cache in Redis, shared by every instance, that degrades instead of failing. The Redis output-cache store
/// lets a Redis error through, and the output-cache middleware would turn it into a 500 for a page that could
/// simply have been rendered: here a failed lookup is a miss, a failed store is skipped, and a failed eviction is
/// logged (when Redis answers again, <see cref="InstanceMessageListener"/> evicts every page, which covers it).
/// Redis commands fail at once while it is away and time out within a second (<see cref="RedisConnection"/>), so a
/// request is served uncached rather than held.
/// </summary>
public sealed class TolerantPageStore(IOutputCacheStore redisStore, RedisConnection redis) : IOutputCacheBufferStore
{
    private const string Use = "the page cache";
    private readonly IOutputCacheBufferStore? bufferStore = redisStore as IOutputCacheBufferStore;

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var page = await redisStore.GetAsync(key, cancellationToken);
            redis.ReportSuccess(Use);
            return page;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e, cancellationToken))
        {
            redis.ReportFailure(Use, e);
            return null;
        }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (bufferStore is null)
        {
            var page = await GetAsync(key, cancellationToken);
            if (page is null)
            {
                return false;
            }
            await destination.WriteAsync(page, cancellationToken);
            return true;
        }
        try
        {
            var found = await bufferStore.TryGetAsync(key, destination, cancellationToken);
            redis.ReportSuccess(Use);
            return found;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e, cancellationToken))
        {
            redis.ReportFailure(Use, e);
            return false;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            await redisStore.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e, cancellationToken))
        {
            redis.ReportFailure(Use, e);
        }
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            if (bufferStore is not null)
            {
                await bufferStore.SetAsync(key, value, tags, validFor, cancellationToken);
            }
            else
            {
                await redisStore.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
            }
        }
        catch (Exception e) when (RedisConnection.IsOutage(e, cancellationToken))
        {
            redis.ReportFailure(Use, e);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await redisStore.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e, cancellationToken))
        {
            redis.ReportFailure(Use, e);
        }
    }
}
