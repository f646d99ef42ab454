using Gazette.Data;

namespace Gazette.Accounts.Mail;

/// <summary>The mails the account pages send, each to one address about one account.</summary>
public enum AccountMessageKind
{
    /// <summary>"Confirm this is your address": the link verifies it.</summary>
    VerifyAddress,

    /// <summary>Someone signed up with an address that already has an account: its owner is told, and nobody else learns it.</summary>
    AddressHasAccount,

    /// <summary>The link to choose a new password.</summary>
    PasswordReset,

    /// <summary>Sent to a new address a member wants to use: the link makes the change.</summary>
    ConfirmNewAddress,

    /// <summary>Sent to the old address once the change is made, so that a stolen session cannot quietly take the account.</summary>
    AddressChanged,

    /// <summary>A staff account made without a password: the link chooses one (the reset flow).</summary>
    Invitation,
}

/// <summary>One account mail: to whom, about what, the link to follow (absolute), and the name to greet.</summary>
public sealed record AccountMessage(AccountMessageKind Kind, string To, string DisplayName, string? Link = null, string? NewAddress = null);

/// <summary>
/// Where the account pages hand their mail over. The mail is added to the caller's <see cref="GazetteDb"/>, not saved:
/// the caller's SaveChanges (or the Identity call that saves) stores it together with what caused it.
/// </summary>
public interface IAccountMail
{
    Task QueueAsync(GazetteDb db, AccountMessage message, CancellationToken cancellationToken);
}
