using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Mail;

/// <summary>
/// An address that asked for no more mail of one list (<see cref="List"/>), or of any list (<see cref="AnyList"/>).
/// One-off account mail (a password reset the owner asked for) still goes; <see cref="Outbox"/> drops the rest.
/// </summary>
public sealed class MailSuppression
{
    public const string AnyList = "*";

    /// <summary>Lower-cased, so that one address is one row whatever the case it was typed in.</summary>
    public string Address { get; private set; } = "";

    public string List { get; private set; } = AnyList;

    public DateTime CreatedAt { get; private set; }

    private MailSuppression()
    {
    }

    public static MailSuppression For(string address, string? list, DateTime now) =>
        new() { Address = Normalize(address), List = string.IsNullOrEmpty(list) ? AnyList : list, CreatedAt = now };

    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    /// <summary>Records that an address wants no more mail of a list (null or <see cref="AnyList"/>: of any), once however often the link is used.</summary>
    public static async Task RecordAsync(GazetteDb db, string address, string? list, DateTime now, CancellationToken cancellationToken)
    {
        var suppression = For(address, list, now);
        if (await db.MailSuppressions.AnyAsync(s => s.Address == suppression.Address && s.List == suppression.List, cancellationToken))
        {
            return;
        }
        db.MailSuppressions.Add(suppression);
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
}
