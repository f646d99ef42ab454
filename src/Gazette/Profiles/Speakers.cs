using Gazette.Comments;

namespace Gazette.Profiles;

/// <summary>
/// Who wrote a comment, as the thread shows it beside the name: their badge (null for a guest), their picture, and their
/// profile (members only). Made from stored data alone, never from who is reading, so cached pages may carry it.
/// </summary>
public sealed record Speaker(string? Badge, string AvatarUrl, string? ProfileHref)
{
    /// <summary>"badge-editor", "badge-staff-writer": one class per badge for the style sheet.</summary>
    public string BadgeClass => Badge is null ? "" : "badge-" + Badge.ToLowerInvariant().Replace(' ', '-');
}

/// <summary>The speakers of one page of a discussion, by account (<see cref="SpeakerQuery"/> reads them); guests need no reading.</summary>
public sealed class Speakers(IReadOnlyDictionary<string, Speaker> members)
{
    /// <summary>For a page drawn without reading its members (every member then a plain "Member").</summary>
    public static readonly Speakers Unread = new(new Dictionary<string, Speaker>());

    public Speaker Of(CommentView comment) => comment.UserId is { } userId
        ? members.GetValueOrDefault(userId) ?? new Speaker(MemberBadges.Member, Avatars.UrlOf(userId, null), MemberLinks.Profile(userId))
        : Guest(comment.GuestKeyHash, comment.AuthorName);

    /// <summary>A guest's picture comes from their browser's key, or for an imported comment from the name it was written under.</summary>
    public static Speaker Guest(string? guestKeyHash, string? authorName) =>
        new(null, Avatars.Generated(guestKeyHash is not null ? $"guest:{guestKeyHash}" : $"name:{authorName?.Trim().ToLowerInvariant()}"), null);
}
