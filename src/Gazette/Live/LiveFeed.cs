using System.Text.Json;
using Gazette.Comments;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Live;

/// <summary>
/// Records what open pages are told, after the change itself is committed, and hands it to <see cref="LiveStreams"/>.
/// The writers call it with what they know (a comment, its status before and after); <see cref="LiveDiscussion"/>
/// decides what, if anything, readers are told, and what the moderation queue is. Live updates are a courtesy: a
/// failure here is logged and the write it follows still succeeds.
/// </summary>
public sealed partial class LiveFeed(
    GazetteDb db, WriteGate writes, LiveStreams streams, TimeProvider clock, IOptions<LiveDiscussionOptions> options, ILogger<LiveFeed> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A comment was written or changed: its readers and the moderators are told what they may see of it.</summary>
    public async Task CommentChangedAsync(int commentId, CommentChange change, CommentStatus before, CommentStatus after, CancellationToken cancellationToken)
    {
        var kind = LiveDiscussion.KindOf(change, before, after);
        var queued = LiveDiscussion.EntersQueue(change, before, after);
        if (!options.Value.Enabled || (kind is null && !queued))
        {
            return;
        }
        await RecordAsync(async () =>
        {
            var facts = await db.Comments.AsNoTracking().Where(c => c.Id == commentId)
                .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { c.ArticleId, c.ParentId, c.Upvotes, c.Downvotes, a.CommentCount, a.Title, a.Slug })
                .FirstOrDefaultAsync(cancellationToken);
            if (facts is null)
            {
                return [];
            }
            var events = new List<LiveEvent>();
            if (kind is not null)
            {
                events.Add(Event(LiveTopics.Article(facts.ArticleId), kind, commentId,
                    new { comment = commentId, parent = facts.ParentId, score = facts.Upvotes - facts.Downvotes, count = facts.CommentCount }));
            }
            if (queued)
            {
                events.Add(Event(LiveTopics.Moderation, LiveKinds.Held, commentId, new { comment = commentId, article = facts.Title, slug = facts.Slug }));
            }
            return events;
        }, cancellationToken);
    }

    /// <summary>A moderator decided on comments: the other moderators' queues mark them ("approved by Ana").</summary>
    public Task DecidedAsync(IEnumerable<(int CommentId, CommentStatus After)> decided, string by, CancellationToken cancellationToken) =>
        options.Value.Enabled
            ? RecordAsync(() => Task.FromResult(decided.Select(d => Event(LiveTopics.Moderation, LiveKinds.Decided, d.CommentId,
                new { comment = d.CommentId, status = d.After.ToString(), by })).ToList()), cancellationToken)
            : Task.CompletedTask;

    /// <summary>A moderator opened a comment to work on it: the others' queues mark it ("open with Sam").</summary>
    public Task OpenedAsync(int commentId, string by, CancellationToken cancellationToken) =>
        options.Value.Enabled
            ? RecordAsync(() => Task.FromResult(new List<LiveEvent> { Event(LiveTopics.Moderation, LiveKinds.Opened, commentId, new { comment = commentId, by }) }), cancellationToken)
            : Task.CompletedTask;

    /// <summary>
    /// The latest event of a topic (0 for none), for a page rendered now to connect from: it has seen everything up to
    /// it. Null when live updates are off.
    /// </summary>
    public async Task<long?> LatestAsync(string topic, CancellationToken cancellationToken) =>
        options.Value.Enabled ? await db.LiveEvents.Where(e => e.Topic == topic).MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0 : null;

    /// <summary>A topic's events after an id, oldest first, at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<LiveMessage>> AfterAsync(GazetteDb db, string topic, long after, int limit, CancellationToken cancellationToken) =>
        (await db.LiveEvents.AsNoTracking().Where(e => e.Topic == topic && e.Id > after).OrderBy(e => e.Id).Take(limit)
            .ToListAsync(cancellationToken)).ConvertAll(LiveMessage.Of);

    private LiveEvent Event(string topic, string kind, int commentId, object data) => new()
    {
        Topic = topic, Kind = kind, CommentId = commentId, Data = JsonSerializer.Serialize(data, Json), At = clock.GetUtcNow().UtcDateTime,
    };

    private async Task RecordAsync(Func<Task<List<LiveEvent>>> make, CancellationToken cancellationToken)
    {
        List<LiveEvent> events;
        try
        {
            events = await make();
            if (events.Count == 0)
            {
                return;
            }
            db.LiveEvents.AddRange(events);
            await using (var transaction = await writes.BeginAsync(db, cancellationToken))
            {
                if (db.Database.IsNpgsql())
                {
                    // Pages catch up by id ("every event after N"), so ids must become visible in their order: two
                    // instances committing in the opposite order would let a page reconnecting between the commits skip
                    // the earlier event for good. One lock for every writer of events, held to the commit (SQLite has
                    // one writer anyway).
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(1818845045)", cancellationToken);
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            NotRecorded(log, e);
            return;
        }
        foreach (var e in events)
        {
            await streams.PublishAsync(LiveMessage.Of(e));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live update could not be recorded; open pages will not show this change until they are reloaded.")]
    private static partial void NotRecorded(ILogger logger, Exception exception);
}
