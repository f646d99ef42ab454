namespace Gazette.Moderation;

public enum BanKind
{
    /// <summary>Value: the account's user id.</summary>
    Account = 0,

    /// <summary>Value: the e-mail address, trimmed and lower-cased.</summary>
    Email = 1,

    /// <summary>Value: the keyed hash of the IP address (the address itself is never stored).</summary>
    Ip = 2,

    /// <summary>Value: the hash of a guest's cookie key.</summary>
    Guest = 3,
}

/// <summary>A ban on writing comments, with an optional end. A shadow ban lets its reader see their own comments while nobody else does.</summary>
public sealed class Ban
{
    public int Id { get; set; }
    public BanKind Kind { get; set; }
    public required string Value { get; set; }
    public string Reason { get; set; } = "";
    public bool Shadow { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LiftedAt { get; set; }
    public string? CreatedById { get; set; }
    public string CreatedByName { get; set; } = "";

    /// <summary>What the moderator saw when banning (the author's shown name), so the ban list reads well.</summary>
    public string Label { get; set; } = "";
}
