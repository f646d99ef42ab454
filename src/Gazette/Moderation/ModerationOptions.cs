using System.ComponentModel.DataAnnotations;

namespace Gazette.Moderation;

/// <summary>What a comment with a banned word gets.</summary>
public enum BannedWordsAction
{
    /// <summary>Refused with a message naming the word; the text stays in the form.</summary>
    Reject = 0,

    /// <summary>Stored, and held for a moderator.</summary>
    Hold = 1,
}

/// <summary>
/// Section "Moderation": the rules a comment is screened by when it is posted or edited. Administrators change them on
/// /admin/moderation/rules (saved as site settings, live from the next request). The word lists are text, one entry a
/// line, so that one setting holds one list; an entry ending in <c>*</c> also matches the words that start with it
/// ("idiot*": idiots, idiotic), and an entry of several words matches them in a row ("shut up").
/// </summary>
public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>Words and phrases refused (or held: <see cref="BannedWordsAction"/>). Empty by default: each site knows its own.</summary>
    public string BannedWords { get; set; } = "";

    public BannedWordsAction BannedWordsAction { get; set; } = BannedWordsAction.Reject;

    /// <summary>Words and phrases that hold a comment for review: by default a few common insults and obscenities.</summary>
    public string SuspectWords { get; set; } = string.Join('\n', DefaultSuspectWords);

    /// <summary>Whole words never flagged, for the rare innocent word an obfuscated form would catch ("looser" for "loser").</summary>
    public string AllowedWords { get; set; } = "";

    /// <summary>Words typical of spam: they raise the spam score, and hold nothing on their own.</summary>
    public string SpamWords { get; set; } = string.Join('\n', DefaultSpamWords);

    /// <summary>A comment with more links than this is held.</summary>
    [Range(0, 1000)]
    public int MaxLinks { get; set; } = 2;

    /// <summary>Hold the first comment of an identity (account, email or guest cookie) that has none approved yet.</summary>
    public bool HoldFirstComment { get; set; }

    /// <summary>The same text again from the same identity within this many minutes is refused; 0 turns the rule off.</summary>
    [Range(0, 60 * 24 * 365)]
    public int DuplicateWindowMinutes { get; set; } = 60;

    /// <summary>The oldest a comment can be for the duplicate rule to meet it again, at <paramref name="now"/>.</summary>
    public DateTime DuplicatesSince(DateTime now) => now.AddMinutes(-DuplicateWindowMinutes);

    /// <summary>
    /// A form sent sooner than this after it was shown is silently marked as spam (people read and type; scripts do not).
    /// Only the HTML form is timed; 0 turns the rule off.
    /// </summary>
    [Range(0, 3600)]
    public int MinSecondsBeforePost { get; set; } = 3;

    /// <summary>A spam score (0 to 1) at or above this holds the comment.</summary>
    [Range(0.0, 1.0)]
    public double SpamScoreHoldThreshold { get; set; } = 0.7;

    public static readonly string[] DefaultSuspectWords =
    [
        "idiot*", "moron*", "imbecile*", "cretin*", "stupid", "dumbass*", "shut up", "crap", "crappy",
        "fuck*", "shit", "shits", "shitty", "bullshit", "asshole*", "arsehole*", "bastard*", "bitch*", "cunt*",
        "dickhead*", "wanker*", "twat*",
    ];

    public static readonly string[] DefaultSpamWords =
    [
        "viagra", "cialis", "casino*", "payday loan*", "buy now", "click here", "work from home", "make money",
        "earn money", "free money", "seo services", "escort*", "porn*", "xxx", "weight loss", "forex",
    ];

    public IReadOnlyList<string> BannedWordList => Lines(BannedWords);

    public IReadOnlyList<string> SuspectWordList => Lines(SuspectWords);

    public IReadOnlyList<string> AllowedWordList => Lines(AllowedWords);

    public IReadOnlyList<string> SpamWordList => Lines(SpamWords);

    /// <summary>One entry a line, trimmed; blank lines and lines starting with # are left out.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}
