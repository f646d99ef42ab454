namespace Gazette.Accounts.Sessions;

/// <summary>
/// One signed-in browser. The session cookie carries only <see cref="Id"/>: signing out deletes the row, so a copy of
/// the cookie taken before stops working at once, on every instance.
/// </summary>
public sealed class AccountSession
{
    public const int IdLength = 43;

    /// <summary>256 random bits, base64url.</summary>
    public required string Id { get; init; }
    public required string UserId { get; set; }

    /// <summary>The authentication ticket as ASP.NET Core serializes it (claims and properties).</summary>
    public required byte[] Ticket { get; set; }

    public DateTime? ExpiresAt { get; set; }
}
