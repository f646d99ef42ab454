using Microsoft.AspNetCore.Identity;

namespace Gazette.Accounts;

/// <summary>A reader's or a staff member's account (ASP.NET Core Identity), with the name shown on their comments.</summary>
public sealed class GazetteUser : IdentityUser
{
    public const int MaxDisplayNameLength = 64;

    public required string DisplayName { get; set; }
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
