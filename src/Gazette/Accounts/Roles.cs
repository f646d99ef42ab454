using Microsoft.AspNetCore.Authorization;

namespace Gazette.Accounts;

/// <summary>
/// Staff roles. Authors write and submit; Editors edit and publish anyone's articles; Moderators look after the
/// discussions; Administrators do all of that and manage users, roles and site settings.
/// </summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Editor = "Editor";
    public const string Author = "Author";
    public const string Moderator = "Moderator";

    public static readonly string[] All = [Administrator, Editor, Author, Moderator];
}

/// <summary>Authorization policies named by what they allow; each staff page asks for one.</summary>
public static class StaffPolicies
{
    /// <summary>Anyone who may enter the newsroom and write: Authors, Editors, Administrators.</summary>
    public const string Write = "staff:write";

    /// <summary>Edit and publish anyone's articles: Editors and Administrators.</summary>
    public const string Publish = "staff:publish";

    /// <summary>Moderate discussions: Moderators, Editors and Administrators.</summary>
    public const string Moderate = "staff:moderate";

    /// <summary>Manage users, roles and site settings: Administrators.</summary>
    public const string Administer = "staff:administer";

    /// <summary>Any staff role at all: the newsroom's front page, which lists what each role may open.</summary>
    public const string Staff = "staff:any";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Write, policy => policy.RequireRole(Roles.Author, Roles.Editor, Roles.Administrator));
        options.AddPolicy(Publish, policy => policy.RequireRole(Roles.Editor, Roles.Administrator));
        options.AddPolicy(Moderate, policy => policy.RequireRole(Roles.Moderator, Roles.Editor, Roles.Administrator));
        options.AddPolicy(Administer, policy => policy.RequireRole(Roles.Administrator));
        options.AddPolicy(Staff, policy => policy.RequireRole(Roles.All));
    }
}
