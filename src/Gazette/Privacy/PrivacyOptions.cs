using System.ComponentModel.DataAnnotations;
using Gazette.Core.Network;

namespace Gazette.Privacy;

/// <summary>What happens to a reader's comments when they delete their account.</summary>
public enum AccountDeletionMode
{
    /// <summary>The comments stay, under the name "Deleted reader", with nothing left that leads back to the account.</summary>
    Anonymise = 0,

    /// <summary>The comments go: those with replies become "comment deleted" placeholders (threads stay whole), the others are deleted.</summary>
    Remove = 1,
}

/// <summary>
/// Section "Privacy": how long IP hashes are kept, the key they are made with, how IPv6 addresses are grouped into
/// one client, and what account deletion does.
/// </summary>
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

    /// <summary>
    /// The IPv6 prefix taken to be one client's (see <see cref="ClientNetwork"/>): every address in it is hashed, limited,
    /// banned and de-duplicated as one. 64 by default; 48 or 56 where providers hand out whole prefixes that size, 128 for address by address.
    /// </summary>
    [Range(1, 128, ErrorMessage = "Privacy:Ipv6PrefixLength must be from 1 to 128 (bits of an IPv6 address taken to be one client's; 64 by default).")]
    public int Ipv6PrefixLength { get; set; } = ClientNetwork.DefaultIpv6PrefixLength;

    public AccountDeletionMode OnAccountDeletion { get; set; } = AccountDeletionMode.Anonymise;
}
