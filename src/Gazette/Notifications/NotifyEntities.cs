namespace Gazette.Notifications;

/// <summary>A guest's e-mail address and whether its owner confirmed it (double opt-in): nothing but the confirmation goes to it before.</summary>
public sealed class NotifyAddress
{
    /// <summary>Lower-cased (<see cref="Mail.MailSuppression.Normalize"/>).</summary>
    public string Address { get; set; } = "";
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>When the last confirmation mail was queued: another waits <see cref="NotificationOptions.ConfirmationRepeatAfter"/>.</summary>
    public DateTime? ConfirmationSentAt { get; set; }
}

/// <summary>A member, or a confirmed guest address, following one article's discussion.</summary>
public sealed class DiscussionFollow
{
    public long Id { get; set; }
    public int ArticleId { get; set; }

    /// <summary>The member following; null for a guest address.</summary>
    public string? UserId { get; set; }

    /// <summary>The guest's address, lower-cased; null for a member.</summary>
    public string? Address { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The newest comment the follower has been told of (or that existed when they followed).</summary>
    public int LastCommentId { get; set; }

    public DateTime? LastMailedAt { get; set; }
}

/// <summary>What a member chose (and what was last sent) beyond <see cref="Accounts.GazetteUser"/>'s reply and digest choices.</summary>
public sealed class NotifyMember
{
    public string UserId { get; set; } = "";

    /// <summary>The secret in the address of the member's replies feed; null when none (or revoked).</summary>
    public string? FeedToken { get; set; }

    /// <summary>Staff: mail me new comments on my articles.</summary>
    public bool NewComments { get; set; }

    /// <summary>Moderators: mail me when the queue passes the threshold.</summary>
    public bool QueueAlerts { get; set; }

    /// <summary>Moderators: mail me when an appeal arrives.</summary>
    public bool Appeals { get; set; }

    /// <summary>When the last digest was queued.</summary>
    public DateTime? LastDigestAt { get; set; }

    /// <summary>The newest comment when the last digest was made: the next one lists the replies after it.</summary>
    public int DigestCommentId { get; set; }
}

/// <summary>One notification mail queued, kept a day: the limits per recipient and per sender count these.</summary>
public sealed class NotificationSent
{
    public long Id { get; set; }
    public string Address { get; set; } = "";

    /// <summary>The writer whose comment caused it (account, guest key or network); null for batched mail.</summary>
    public string? Sender { get; set; }

    public DateTime At { get; set; }
}

/// <summary>How far a background pass has got in something that has no column of its own (the appeals told of, the queue alert).</summary>
public sealed class NotifyCursor
{
    public string Name { get; set; } = "";
    public long Value { get; set; }
}
