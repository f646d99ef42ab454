using Microsoft.AspNetCore.Identity;

namespace Gazette.Accounts;

/// <summary>A reader's or a staff member's account (ASP.NET Core Identity), with the name shown on their comments.</summary>
public sealed class GazetteUser : IdentityUser
{
    public const int MaxDisplayNameLength = 64;

    public required string DisplayName { get; set; }

    /// <summary>
    /// <see cref="DisplayName"/>'s <see cref="Core.Accounts.NameSkeleton"/>: the name nobody else may take, whatever its case,
    /// accents or look-alike letters (<see cref="ReservedNames"/>). Kept by <see cref="KeepNameSkeleton"/>, which the context
    /// calls on every account it saves.
    /// </summary>
    public string? DisplayNameSkeleton { get; private set; }

    public void KeepNameSkeleton() => DisplayNameSkeleton = Core.Accounts.NameSkeleton.Of(DisplayName);

    /// <summary>The picture the member uploaded at /account (a path under the media folder); null: one is drawn for them.</summary>
    public string? AvatarPath { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Mail me when someone replies to my comments (chosen on /account; on unless turned off).</summary>
    public bool RepliesByMail { get; set; } = true;

    /// <summary>How often to send the digest of followed discussions and replies.</summary>
    public MailDigest Digest { get; set; }
}

/// <summary>A member's choice of digest mail.</summary>
public enum MailDigest
{
    None = 0,
    Daily = 1,
    Weekly = 2,
}
