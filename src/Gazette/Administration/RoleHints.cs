using Gazette.Accounts;

namespace Gazette.Administration;

/// <summary>What each role may do, in a few words beside its checkbox.</summary>
public static class RoleHints
{
    public static string Describe(string role) => role switch
    {
        Roles.Administrator => "everything, including users, roles and settings",
        Roles.Editor => "edits and publishes anyone’s articles, moderates discussions",
        Roles.Author => "writes articles and submits them",
        Roles.Moderator => "looks after the discussions",
        _ => "",
    };
}
