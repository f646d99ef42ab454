using Gazette.Accounts;

namespace Gazette.Profiles;

/// <summary>
/// The badge beside a member's name: the article's own author is "Author" in its discussion; staff carry their highest
/// role; any other member is "Member". Guests have none.
/// </summary>
public static class MemberBadges
{
    public const string ArticleAuthor = "Author";
    public const string Member = "Member";

    /// <summary>Staff roles by rank, each with the words its badge shows (the role "Author" writes for the site: "Staff writer").</summary>
    private static readonly (string Role, string Badge)[] ByRank =
    [
        (Roles.Administrator, "Administrator"),
        (Roles.Editor, "Editor"),
        (Roles.Moderator, "Moderator"),
        (Roles.Author, "Staff writer"),
    ];

    public static string For(IReadOnlyCollection<string> roles, bool wroteTheArticle)
    {
        if (wroteTheArticle)
        {
            return ArticleAuthor;
        }
        foreach (var (role, badge) in ByRank)
        {
            if (roles.Contains(role))
            {
                return badge;
            }
        }
        return Member;
    }
}
