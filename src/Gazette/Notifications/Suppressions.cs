using Gazette.Data;
using Gazette.Mail;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Notifications;

/// <summary>Records that an address wants no more mail of a list (or of any): once, however often the link is used.</summary>
public static class Suppressions
{
    public static async Task AddAsync(GazetteDb db, string address, string list, DateTime now, CancellationToken cancellationToken)
    {
        var normalized = MailSuppression.Normalize(address);
        if (await db.MailSuppressions.AnyAsync(s => s.Address == normalized && s.List == list, cancellationToken))
        {
            return;
        }
        db.MailSuppressions.Add(MailSuppression.For(normalized, list, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same link used twice at once: the other request recorded it (the key is the address and list).
            db.ChangeTracker.Clear();
        }
    }

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
