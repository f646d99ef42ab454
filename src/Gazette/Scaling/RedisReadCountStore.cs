using System.Globalization;
using Gazette.Articles;
using StackExchange.Redis;

namespace Gazette.Scaling;

/// <summary>
/// Article reads counted in one Redis hash shared by every instance (field "{day} {slug}", HINCRBY), taken whole and
/// atomically by whichever instance flushes (a Lua script that reads and deletes the hash in one step), so that each
/// read reaches the database once, whichever instance counted it and whichever flushed it. While Redis is away, reads
/// are counted in this instance's memory instead and flushed from there: a page is never lost for want of Redis.
/// </summary>
public sealed class RedisReadCountStore(RedisConnection redis) : IReadCountStore
{
    private const string Use = "counting reads";
    private static readonly LuaScript TakeScript = LuaScript.Prepare("""
        local tallies = redis.call('HGETALL', @key)
        redis.call('DEL', @key)
        return tallies
        """);

    private readonly MemoryReadCountStore fallback = new();
    private readonly RedisKey key = redis.Key("reads");

    public async ValueTask AddAsync(string slug, DateOnly day)
    {
        try
        {
            await redis.Database.HashIncrementAsync(key, Field(slug, day));
            redis.ReportSuccess(Use);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.ReportFailure(Use, e);
            await fallback.AddAsync(slug, day);
        }
    }

    public async ValueTask<IReadOnlyList<ReadTally>> TakeAllAsync()
    {
        var taken = new List<ReadTally>(await fallback.TakeAllAsync());
        try
        {
            var result = await redis.Database.ScriptEvaluateAsync(TakeScript, new { key });
            var pairs = (RedisValue[]?)result ?? [];
            for (var i = 0; i + 1 < pairs.Length; i += 2)
            {
                if (TryParse(pairs[i], out var slug, out var day) && long.TryParse((string?)pairs[i + 1], CultureInfo.InvariantCulture, out var reads))
                {
                    taken.Add(new ReadTally(slug, day, reads));
                }
            }
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.ReportFailure(Use, e);
        }
        return taken;
    }

    public async ValueTask ReturnAsync(IEnumerable<ReadTally> tallies)
    {
        var list = tallies.ToList();
        var adds = new List<Task<long>>();
        try
        {
            var batch = redis.Database.CreateBatch();
            adds.AddRange(list.Select(tally => batch.HashIncrementAsync(key, Field(tally.Slug, tally.Day), tally.Reads)));
            batch.Execute();
            await Task.WhenAll(adds);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.ReportFailure(Use, e);
            // Those Redis did not take are kept here, for this instance's next flush.
            await fallback.ReturnAsync(list.Where((_, i) => i >= adds.Count || !adds[i].IsCompletedSuccessfully));
        }
    }

    private static string Field(string slug, DateOnly day) => $"{day:yyyy-MM-dd} {slug}";

    private static bool TryParse(RedisValue field, out string slug, out DateOnly day)
    {
        var text = (string?)field ?? "";
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        slug = space < 0 ? "" : text[(space + 1)..];
        return DateOnly.TryParseExact(space < 0 ? "" : text[..space], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            && slug.Length > 0;
    }
}
