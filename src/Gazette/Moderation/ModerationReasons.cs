using System.Text.Json;

namespace Gazette.Moderation;

/// <summary>One rule that fired on a comment, or a moderator's decision, with the words of the comment it matched.</summary>
/// <param name="Rule">A stable id: "banned-words", "suspect-words", "links", "first-comment", "duplicate", "honeypot",
/// "too-fast", "flags", "ban", "shadow-ban", "spam-check", "moderator".</param>
/// <param name="Explanation">For people: what the rule is and what it found ("3 links; more than 2 are held").</param>
/// <param name="Matches">The exact text spans of the comment that matched, so the queue can highlight them.</param>
public sealed record ModerationReason(string Rule, string Explanation, IReadOnlyList<string> Matches)
{
    // Internal, not public: with two public constructors System.Text.Json cannot tell which one reads the record back.
    internal ModerationReason(string rule, string explanation) : this(rule, explanation, []) { }
}

/// <summary>
/// What <see cref="Comments.Comment.ModerationReasons"/> holds: every reason, the score, and the appeal route,
/// serialized as JSON so the queue and the author's statement of reasons read the same record.
/// </summary>
public sealed record ModerationRecord(IReadOnlyList<ModerationReason> Reasons, double Score)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ModerationRecord Read(string? json) =>
        string.IsNullOrEmpty(json) ? new([], 0) : JsonSerializer.Deserialize<ModerationRecord>(json, Json) ?? new([], 0);

    /// <summary>This record with one more reason (a moderator's decision, a flag threshold) appended.</summary>
    public ModerationRecord With(ModerationReason reason) => this with { Reasons = [.. Reasons, reason] };
}
