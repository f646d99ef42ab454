using System.ComponentModel.DataAnnotations;

namespace Gazette.Notifications;

/// <summary>Reader and staff notifications by mail (section <c>Notifications</c>; docs/configuration.md).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Off: nothing is queued, comments are still marked as seen so that turning it on sends no old news.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each instance looks for comments that became public on another instance (this one's wake it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the service waits, once woken by a comment made public here, for more to deal with in the same batch.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan WakeDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>At most one mail per followed discussion per follower within this time.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan FollowInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>An address that has not confirmed gets no second confirmation mail within this time.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ConfirmationRepeatAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Notification mails one address may be sent in an hour, whatever caused them.</summary>
    [Range(1, 10_000)]
    public int MaxPerRecipientPerHour { get; set; } = 30;

    /// <summary>Reply and confirmation mails one writer's comments may cause in an hour.</summary>
    [Range(1, 10_000)]
    public int MaxPerSenderPerHour { get; set; } = 60;

    /// <summary>Comments (and followers) handled per transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Moderators who asked are told when this many comments wait in the queue.</summary>
    [Range(1, 100_000)]
    public int QueueThreshold { get; set; } = 20;
}
