using System.ComponentModel.DataAnnotations;

namespace Gazette.Privacy;

/// <summary>What happens to a reader's comments when they delete their account.</summary>
public enum AccountDeletionMode
{
    /// <summary>The comments stay, under the name "Deleted reader", with nothing left that leads back to the account.</summary>
    Anonymise = 0,

    /// <summary>The comments go: those with replies become "comment deleted" placeholders (threads stay whole), the others are deleted.</summary>
    Remove = 1,
}

/// <summary>Section "Privacy": how long IP hashes are kept, the key they are made with, and what account deletion does.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";
    public const int MinimumKeyLength = 32;

    /// <summary>Days after which the keyed hashes of IP addresses on comments, votes and flags are dropped.</summary>
    [Range(1, 3650)]
    public int IpRetentionDays { get; set; } = 30;

    /// <summary>
    /// The secret IP addresses are hashed with (at least 32 characters). Empty: a random key generated into the data
    /// folder on first run (<c>secrets/ip-hash.key</c>). Set it when several instances must hash alike without sharing that folder.
    /// </summary>
    public string? IpHashKey { get; set; }

    public AccountDeletionMode OnAccountDeletion { get; set; } = AccountDeletionMode.Anonymise;
}
