namespace Gazette.Moderation;

/// <summary>The rule ids of <see cref="ModerationReason.Rule"/> in words, for moderators and for the comment's author.</summary>
public static class RuleWords
{
    public static readonly string[] Known =
        ["banned-words", "suspect-words", "links", "first-comment", "duplicate", "honeypot", "too-fast", "flags", "ban", "shadow-ban", "spam-check", "moderator"];

    public static string Name(string rule) => rule switch
    {
        "banned-words" => "Banned words",
        "suspect-words" => "Words held for review",
        "links" => "Too many links",
        "first-comment" => "First comment",
        "duplicate" => "Duplicate",
        "honeypot" => "Spam trap",
        "too-fast" => "Sent too fast",
        "flags" => "Readers’ flags",
        "ban" => "Ban",
        "shadow-ban" => "Shadow ban",
        "spam-check" => "Spam check",
        "moderator" => "Moderator’s decision",
        _ => rule,
    };
}
