namespace Gazette.Moderation.Screening;

/// <summary>What a spam check is told about a comment being posted or edited.</summary>
/// <param name="Links">The links found in the body, as written.</param>
/// <param name="IsFirstComment">The writer has no approved comment yet (by account, email or guest cookie).</param>
public sealed record SpamCheckInput(
    string Body,
    string? AuthorName,
    string? AuthorEmail,
    bool IsMember,
    bool IsFirstComment,
    IReadOnlyList<string> Links,
    string ArticleSlug,
    string? IpHash,
    bool IsEdit);

/// <summary>A spam check's answer.</summary>
/// <param name="Score">0 (clean) to 1 (certainly spam); at or above Moderation:SpamScoreHoldThreshold the comment is held.</param>
/// <param name="Signals">What raised the score, in plain words for the author and the moderator ("3 links", "mostly capital letters").</param>
/// <param name="Matches">Exact passages of the body that raised it, for highlighting.</param>
/// <param name="IsSpam">The check is sure: the comment is stored as spam, silently, instead of waiting in the queue.</param>
public sealed record SpamVerdict(double Score, IReadOnlyList<string> Signals, IReadOnlyList<string> Matches, bool IsSpam = false)
{
    public static readonly SpamVerdict Clean = new(0, [], []);
}

/// <summary>
/// The spam check every comment goes through. The built-in one (<see cref="SpamScoring"/>) scores what it can see
/// in the comment; a site replaces it by registering its own (an Akismet client, say) after AddModerationScreening().
/// </summary>
public interface ISpamCheck
{
    Task<SpamVerdict> CheckAsync(SpamCheckInput input, CancellationToken cancellationToken);
}
