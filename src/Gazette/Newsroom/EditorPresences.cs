using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Newsroom;

/// <summary>
/// Who has an article's editor open: each open editor says so every <see cref="NewsroomOptions.PresenceSeconds"/>
/// (and once as it opens); one not heard from for <see cref="Lifetime"/> has gone. Kept in the database, so that the
/// editors of every instance see each other.
/// </summary>
public sealed class EditorPresences(GazetteDb db, TimeProvider clock, IOptions<NewsroomOptions> options)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public int HeartbeatSeconds => options.Value.PresenceSeconds;

    /// <summary>Notes that this staff member has the article open now; returns the names of the others who have, in order of arrival.</summary>
    public async Task<IReadOnlyList<string>> BeatAsync(int articleId, Staffer who, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // One statement both databases understand, so two tabs of the same person never collide on the key.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "EditorPresences" ("ArticleId", "UserId", "Name", "SeenAt") VALUES ({articleId}, {who.UserId}, {who.Name}, {now})
            ON CONFLICT ("ArticleId", "UserId") DO UPDATE SET "Name" = excluded."Name", "SeenAt" = excluded."SeenAt"
            """, cancellationToken);
        var stale = now - Lifetime;
        await db.EditorPresences.Where(p => p.ArticleId == articleId && p.SeenAt < stale).ExecuteDeleteAsync(cancellationToken);
        return await db.EditorPresences.AsNoTracking()
            .Where(p => p.ArticleId == articleId && p.UserId != who.UserId)
            .OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The editor was closed: the others stop seeing this staff member at once.</summary>
    public Task LeaveAsync(int articleId, Staffer who, CancellationToken cancellationToken) =>
        db.EditorPresences.Where(p => p.ArticleId == articleId && p.UserId == who.UserId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>What the editor says of the others, or null when it is alone.</summary>
    public static string? Sentence(IReadOnlyList<string> others) => others.Count switch
    {
        0 => null,
        1 => $"{others[0]} also has this article open.",
        _ => $"{string.Join(", ", others.Take(others.Count - 1))} and {others[^1]} also have this article open.",
    };
}
