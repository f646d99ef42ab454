namespace Gazette.Moderation;

/// <summary>Flag reasons in words, for readers choosing one and moderators reading them.</summary>
public static class FlagWords
{
    public static readonly FlagReason[] All = Enum.GetValues<FlagReason>();

    public static string Describe(FlagReason reason) => reason switch
    {
        FlagReason.Spam => "spam",
        FlagReason.Abuse => "abuse",
        FlagReason.OffTopic => "off-topic",
        _ => "other",
    };

    public static string Hint(FlagReason reason) => reason switch
    {
        FlagReason.Spam => "Advertising, link farming, or posted by a machine.",
        FlagReason.Abuse => "Insults, harassment, threats or hate.",
        FlagReason.OffTopic => "Nothing to do with the article or the discussion.",
        _ => "Something else a moderator should look at: say what in the note.",
    };
}
