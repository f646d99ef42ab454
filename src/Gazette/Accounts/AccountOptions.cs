using System.ComponentModel.DataAnnotations;

namespace Gazette.Accounts;

/// <summary>Section "Accounts": what an account must have done before it takes part.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>
    /// A member must have followed the link mailed at sign-up before commenting. Off, an unverified member comments
    /// (their flags still do not count). Accounts made by setup, the admin command or an administrator are verified.
    /// </summary>
    public bool RequireVerifiedEmailToComment { get; set; } = true;

    /// <summary>The shortest time between two verification mails to one member ("send the link again").</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan VerificationResendInterval { get; set; } = TimeSpan.FromMinutes(5);
}
