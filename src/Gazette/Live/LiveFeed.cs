using System.Text.Json;
using Gazette.Comments;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Live;

/// <summary>
/// Records what open pages are told and hands it to <see cref="LiveStreams"/>. The writers call it with what they know (a
/// comment, its status before and after); <see cref="LiveDiscussion"/> decides what, if anything, readers are told, and
/// what the moderation queue is. A reader's change records its events in its own transaction
/// (<see cref="RecordAsync"/>), so that a committed change is never missing from the feed and costs no second commit,
/// and publishes them once committed and the cached pages evicted (<see cref="PublishAsync"/>).
/// </summary>
public sealed partial class LiveFeed(
    GazetteDb db, WriteGate writes, LiveStreams streams, TimeProvider clock, IOptions<LiveDiscussionOptions> options, ILogger<LiveFeed> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Inside the transaction of a change to a comment (after the change and its count are written): records what its
    /// readers and the moderators may see of it, for <see cref="PublishAsync"/> to send once committed.
    /// </summary>
    public async Task<IReadOnlyList<LiveMessage>> RecordAsync(
        int commentId, CommentChange change, CommentStatus before, CommentStatus after, CancellationToken cancellationToken)
    {
        var kind = LiveDiscussion.KindOf(change, before, after);
        var queued = LiveDiscussion.EntersQueue(change, before, after);
        if (!options.Value.Enabled || (kind is null && !queued))
        {
            return [];
        }
        var facts = await FactsOf.For(db)(db, commentId, cancellationToken);
        return facts is null ? [] : await InsertAsync(Events(commentId, facts, kind, queued), cancellationToken);
    }

    /// <summary>
    /// <see cref="RecordAsync"/> for a comment just posted, told what the writer knows already (its place, its article,
    /// and the article's count after it, which <see cref="CommentLifecycle.CountWrittenAsync"/> reads in its update), so
    /// the post reads nothing more. <paramref name="count"/> may be null only when readers are not told (a held comment).
    /// </summary>
    public async Task<IReadOnlyList<LiveMessage>> RecordPostedAsync(
        int commentId, int articleId, int? parentId, CommentStatus status, int? count, string title, string slug, CancellationToken cancellationToken)
    {
        var kind = LiveDiscussion.KindOf(CommentChange.Written, status, status);
        var queued = LiveDiscussion.EntersQueue(CommentChange.Written, status, status);
        if (!options.Value.Enabled || (kind is null && !queued))
        {
            return [];
        }
        if (kind is not null && count is null)
        {
            return await RecordAsync(commentId, CommentChange.Written, status, status, cancellationToken);
        }
        var facts = new CommentFacts(articleId, parentId, 0, count ?? 0, title, slug);
        return await InsertAsync(Events(commentId, facts, kind, queued), cancellationToken);
    }

    private List<LiveEvent> Events(int commentId, CommentFacts facts, string? kind, bool queued)
    {
        var events = new List<LiveEvent>(2);
        if (kind is not null)
        {
            events.Add(Event(LiveTopics.Article(facts.ArticleId), kind, commentId,
                new { comment = commentId, parent = facts.ParentId, score = facts.Score, count = facts.Count }));
        }
        if (queued)
        {
            events.Add(Event(LiveTopics.Moderation, LiveKinds.Held, commentId, new { comment = commentId, article = facts.Title, slug = facts.Slug }));
        }
        return events;
    }

    /// <summary>Sends recorded events to the open pages: after the commit, and after the cached pages are evicted (an
    /// open page fetches a comment's markup when told, and must not get the cached old one).</summary>
    public async Task PublishAsync(IReadOnlyList<LiveMessage> messages)
    {
        foreach (var message in messages)
        {
            await streams.PublishAsync(message);
        }
    }

    /// <summary>
    /// A comment was changed outside a reader's request (moderators, readers' flags): records what its readers and the
    /// moderators may see in a transaction of its own and publishes it. Live updates are a courtesy here: a failure is
    /// logged and the change it follows stands.
    /// </summary>
    public Task CommentChangedAsync(int commentId, CommentChange change, CommentStatus before, CommentStatus after, CancellationToken cancellationToken) =>
        LiveDiscussion.KindOf(change, before, after) is null && !LiveDiscussion.EntersQueue(change, before, after)
            ? Task.CompletedTask
            : RecordApartAsync(() => RecordAsync(commentId, change, before, after, cancellationToken), cancellationToken);

    /// <summary>A moderator decided on comments: the other moderators' queues mark them ("approved by Ana").</summary>
    public Task DecidedAsync(IEnumerable<(int CommentId, CommentStatus After)> decided, string by, CancellationToken cancellationToken) =>
        options.Value.Enabled
            ? RecordApartAsync(() => InsertAsync(decided.Select(d => Event(LiveTopics.Moderation, LiveKinds.Decided, d.CommentId,
                new { comment = d.CommentId, status = d.After.ToString(), by })).ToList(), cancellationToken), cancellationToken)
            : Task.CompletedTask;

    /// <summary>A moderator opened a comment to work on it: the others' queues mark it ("open with Sam").</summary>
    public Task OpenedAsync(int commentId, string by, CancellationToken cancellationToken) =>
        options.Value.Enabled
            ? RecordApartAsync(() => InsertAsync([Event(LiveTopics.Moderation, LiveKinds.Opened, commentId, new { comment = commentId, by })], cancellationToken), cancellationToken)
            : Task.CompletedTask;

    /// <summary>
    /// The latest event of a topic (0 for none), for a page rendered now to connect from: it has seen everything up to
    /// it. Null when live updates are off.
    /// </summary>
    public async Task<long?> LatestAsync(string topic, CancellationToken cancellationToken) =>
        options.Value.Enabled ? await LatestOf.For(db)(db, topic, cancellationToken) ?? 0 : null;

    /// <summary>
    /// Compiled once: every article page rendered asks, and translating the query anew cost a page with 300 comments
    /// about 4 % of its CPU, ten times what the query itself costs.
    /// </summary>
    private static readonly CompiledQuery<Func<GazetteDb, string, CancellationToken, Task<long?>>> LatestOf = new(() => EF.CompileAsyncQuery(
        (GazetteDb db, string topic, CancellationToken _) => db.LiveEvents.Where(e => e.Topic == topic).Max(e => (long?)e.Id)));

    /// <summary>A topic's events after an id, oldest first, at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<LiveMessage>> AfterAsync(GazetteDb db, string topic, long after, int limit, CancellationToken cancellationToken) =>
        (await db.LiveEvents.AsNoTracking().Where(e => e.Topic == topic && e.Id > after).OrderBy(e => e.Id).Take(limit)
            .ToListAsync(cancellationToken)).ConvertAll(LiveMessage.Of);

    private LiveEvent Event(string topic, string kind, int commentId, object data) => new()
    {
        Topic = topic, Kind = kind, CommentId = commentId, Data = JsonSerializer.Serialize(data, Json), At = clock.GetUtcNow().UtcDateTime,
    };

    /// <summary>Inserts events in the current transaction, one statement each (SaveChanges would track them and set a savepoint).</summary>
    private async Task<IReadOnlyList<LiveMessage>> InsertAsync(List<LiveEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }
        if (db.Database.GetDbConnection() is Npgsql.NpgsqlConnection)
        {
            // Pages catch up by id ("every event after N"), so ids must become visible in their order: two instances
            // committing in the opposite order would let a page reconnecting between the commits skip the earlier event
            // for good. One lock for every writer of events, held to the commit (SQLite has one writer anyway).
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(1818845045)", cancellationToken);
        }
        var insert = SingleRowInsert<LiveEvent>.For(db);
        var messages = new LiveMessage[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            await insert.RunAsync(db, events[i], cancellationToken);
            messages[i] = LiveMessage.Of(events[i]);
        }
        return messages;
    }

    private async Task RecordApartAsync(Func<Task<IReadOnlyList<LiveMessage>>> record, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        IReadOnlyList<LiveMessage> messages;
        try
        {
            await using var transaction = await writes.BeginAsync(db, cancellationToken);
            messages = await record();
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            NotRecorded(log, e);
            return;
        }
        await PublishAsync(messages);
    }

    private sealed record CommentFacts(int ArticleId, int? ParentId, int Score, int Count, string Title, string Slug);

    /// <summary>What an event says of a comment and its article, read after the change (the count included); compiled once.</summary>
    private static readonly CompiledQuery<Func<GazetteDb, int, CancellationToken, Task<CommentFacts?>>> FactsOf = new(() => EF.CompileAsyncQuery(
        (GazetteDb db, int id, CancellationToken _) => db.Comments.Where(c => c.Id == id)
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new CommentFacts(c.ArticleId, c.ParentId, c.Upvotes - c.Downvotes, a.CommentCount, a.Title, a.Slug))
            .FirstOrDefault()));

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live update could not be recorded; open pages will not show this change until they are reloaded.")]
    private static partial void NotRecorded(ILogger logger, Exception exception);
}
