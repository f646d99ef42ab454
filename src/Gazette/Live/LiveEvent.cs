using Microsoft.EntityFrameworkCore;

namespace Gazette.Live;

/// <summary>
/// One thing that happened in a discussion (or a moderation queue) that open pages are told about. Kept in the database,
/// not only sent through Redis: its id, one sequence for the whole site, is where a page that lost its connection, on
/// whichever instance, after whatever restart, catches up from (the stream's <c>Last-Event-ID</c>).
/// </summary>
public sealed class LiveEvent
{
    public const int MaxTopicLength = 40;
    public const int MaxKindLength = 20;

    public long Id { get; set; }

    /// <summary>Who is told: an article's readers (<see cref="LiveTopics.Article"/>) or the moderators (<see cref="LiveTopics.Moderation"/>).</summary>
    public string Topic { get; set; } = "";

    /// <summary>What happened: <see cref="LiveKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public int CommentId { get; set; }

    /// <summary>What the event carries besides (JSON, <see cref="LiveData"/>): only what everyone told may see.</summary>
    public string Data { get; set; } = "{}";

    public DateTime At { get; set; }

    internal static void Configure(ModelBuilder model) => model.Entity<LiveEvent>(live =>
    {
        live.ToTable("LiveEvents");
        live.Property(e => e.Topic).HasMaxLength(MaxTopicLength);
        live.Property(e => e.Kind).HasMaxLength(MaxKindLength);
        // Catching up reads one topic's events after an id; the cleaner drops old ones by time.
        live.HasIndex(e => new { e.Topic, e.Id });
        live.HasIndex(e => e.At);
    });
}

/// <summary>The streams events go to.</summary>
public static class LiveTopics
{
    public const string Moderation = "moderation";

    public static string Article(int articleId) => $"article:{articleId}";
}
