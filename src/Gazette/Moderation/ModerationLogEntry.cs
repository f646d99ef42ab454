namespace Gazette.Moderation;

/// <summary>One moderator action (who, what, when, what it was before and after), for administrators to read. Never edited.</summary>
public sealed class ModerationLogEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = "";

    /// <summary>A short verb: "approve", "spam", "trash", "restore", "edit", "ban", "unban", "appeal-upheld", "settings"…</summary>
    public required string Action { get; set; }
    public int? CommentId { get; set; }
    public int? BanId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Note { get; set; }
}
