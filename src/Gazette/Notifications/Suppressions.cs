using Gazette.Data;
using Gazette.Mail;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Notifications;

/// <summary>What each list's unsubscribe link stops, in a reader's words.</summary>
public static class Suppressions
{
    /// <summary>What a reader is told the link stops.</summary>
    public static string Describe(string list) => list switch
    {
        MailSuppression.AnyList => "all mail from this site",
        PublishedComments.RepliesList => "mail about replies to your comments",
        PublishedComments.AuthorsList => "mail about new comments on your articles",
        FollowedDiscussions.List => "mail about the discussions you follow",
        Digests.List => "the digest",
        StaffAlerts.QueueList => "mail about the moderation queue",
        StaffAlerts.AppealsList => "mail about appeals",
        _ => $"mail of the kind “{list}”",
    };
}
