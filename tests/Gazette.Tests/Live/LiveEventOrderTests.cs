using Gazette.Data;
using Gazette.Live;
using Gazette.Tests.Moderation.Queue;
using Gazette.Tests.Scaling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Live;

/// <summary>
/// Issue 14: pages catch up "after the last event they saw", by id; so an event must never become visible before one
/// with a lower id that another instance is still committing, or a page reconnecting between the two commits would
/// skip the earlier one for good.
/// </summary>
public sealed class LiveEventOrderTests(QueueSite site) : IClassFixture<QueueSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEventWaitsForTheOneBeforeItToCommitSoCatchingUpByIdSkipsNone()
    {
        const string Topic = LiveTopics.Moderation;
        var before = await site.WithDbAsync(db => db.LiveEvents.MaxAsync(e => (long?)e.Id, Cancel)) ?? 0;
        // Another instance, in the middle of recording an event: its id is taken, its commit not made yet.
        await using var otherScope = site.Services.CreateAsyncScope();
        var other = otherScope.ServiceProvider.GetRequiredService<GazetteDb>();
        var postgres = other.Database.IsNpgsql();
        var writes = await otherScope.ServiceProvider.GetRequiredService<WriteGate>().BeginAsync(other, Cancel);
        if (postgres)
        {
            await other.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(1818845045)", Cancel);
        }
        other.LiveEvents.Add(new LiveEvent { Topic = Topic, Kind = LiveKinds.Opened, CommentId = 1, Data = "{}", At = DateTime.UtcNow });
        await other.SaveChangesAsync(Cancel);

        await using var scope = site.Services.CreateAsyncScope();
        var recording = scope.ServiceProvider.GetRequiredService<LiveFeed>().OpenedAsync(2, "Sam", Cancel);
        if (postgres)
        {
            // The second writer waits for the first's commit (on SQLite the one writer's lock does the same).
            await RedisSite.EventuallyAsync(() => site.WithDbAsync(db => db.Database
                .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").SingleAsync(Cancel)
                .ContinueWith(waiting => waiting.Result == 1, Cancel)), "the second event's writer waits for the first's commit");
            Assert.Empty(await site.WithDbAsync(db => LiveFeed.AfterAsync(db, Topic, before, 10, Cancel)));
        }
        await writes.CommitAsync(Cancel);
        await writes.DisposeAsync(); // SQLite's one writer is let go here
        await recording;

        var events = await site.WithDbAsync(db => LiveFeed.AfterAsync(db, Topic, before, 10, Cancel));
        Assert.Equal(2, events.Count);
        Assert.Equal("{}", events[0].Data);
        Assert.Contains("\"comment\":2", events[1].Data);
        Assert.True(events[0].Id < events[1].Id);
    }
}
