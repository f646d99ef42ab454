using Microsoft.AspNetCore.Identity;

namespace Gazette.Accounts;

/// <summary>A reader's or a staff member's account (ASP.NET Core Identity), with the name shown on their comments.</summary>
public sealed class GazetteUser : IdentityUser
{
    public const int MaxDisplayNameLength = 64;

    public required string DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }
}
