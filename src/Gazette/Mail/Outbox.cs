using Gazette.Core.Mail;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Mail;

/// <summary>
/// Where a feature queues a mail. The message is rendered now and added to the caller's <see cref="GazetteDb"/>, not
/// saved: the caller's SaveChanges (inside its own transaction, if it has one) stores it with what caused it, and only
/// then does the sender see it (it is woken when that commits). Sending never happens in the caller's request.
/// </summary>
public sealed class Outbox(MailRenderer renderer, OutboxSaveWatch saves, IOptionsMonitor<SiteOptions> site, IOptions<MailOptions> mail, TimeProvider clock)
{
    /// <summary>
    /// Renders <typeparamref name="TTemplate"/> with <paramref name="parameters"/> (its [Parameter] properties by name)
    /// and adds the message to <paramref name="db"/>. <paramref name="thread"/> is a key naming the discussion the mail
    /// belongs to ("article:42"): mails with the same key thread together in the reader's mail program.
    /// <paramref name="list"/> makes it a mail of a series (notifications, digests) with List-Id and one-click
    /// List-Unsubscribe; leave it null for a one-off account message. Returns null, adding nothing, when the address has
    /// asked for no more mail of that list (or of any).
    /// </summary>
    public async Task<OutboxMessage?> QueueAsync<TTemplate>(
        GazetteDb db, MailRecipient to, IReadOnlyDictionary<string, object?>? parameters = null, string? thread = null,
        MailList? list = null, CancellationToken cancellationToken = default)
        where TTemplate : IComponent
    {
        var mailbox = Mailbox(to);
        if (list is not null && await IsSuppressedAsync(db, to.Address, list.Name, cancellationToken))
        {
            return null;
        }
        return Add(db, typeof(TTemplate).Name, mailbox, to, await renderer.RenderAsync<TTemplate>(parameters ?? new Dictionary<string, object?>()), thread, list);
    }

    /// <summary>
    /// For many mails at once (a batch of notifications): one renderer for them all, and the suppressions of
    /// <paramref name="addresses"/> (every address the batch may mail) read in one query.
    /// </summary>
    public async Task<OutboxBatch> StartBatchAsync(GazetteDb db, IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var normalized = addresses.Select(MailSuppression.Normalize).Distinct().ToList();
        var suppressed = normalized.Count == 0 ? [] : await db.Set<MailSuppression>().AsNoTracking().Where(s => normalized.Contains(s.Address))
            .Select(s => new { s.Address, s.List }).ToListAsync(cancellationToken);
        return new OutboxBatch(this, db, renderer.Start(), suppressed.ToLookup(s => s.Address, s => s.List));
    }

    internal static MimeKit.MailboxAddress Mailbox(MailRecipient to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to.Address);
        if (!MimeKit.MailboxAddress.TryParse(to.Address, out var mailbox) || !mailbox.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{to.Address}' is not an e-mail address.", nameof(to));
        }
        return mailbox;
    }

    internal OutboxMessage Add(GazetteDb db, string kind, MimeKit.MailboxAddress mailbox, MailRecipient to, RenderedMail rendered, string? thread, MailList? list)
    {
        var domain = Domain;
        var message = OutboxMessage.Create(
            kind, mailbox.Address, to.Name, rendered, MessageIds.New(domain),
            thread is null ? null : MessageIds.ForThread(thread, domain),
            list is null ? null : ListHeaders.ListIdValue(list, domain), list?.UnsubscribeUrl,
            clock.GetUtcNow().UtcDateTime);
        db.Add(message);
        saves.Expect(db);
        return message;
    }

    /// <summary>Whether <paramref name="address"/> asked for no more mail of <paramref name="list"/>, or of any list.</summary>
    public static Task<bool> IsSuppressedAsync(GazetteDb db, string address, string list, CancellationToken cancellationToken)
    {
        var normalized = MailSuppression.Normalize(address);
        return db.Set<MailSuppression>().AnyAsync(
            s => s.Address == normalized && (s.List == list || s.List == MailSuppression.AnyList), cancellationToken);
    }

    /// <summary>The site's domain, for Message-IDs and List-Ids: Site:BaseUrl's host, else the From address's domain.</summary>
    public string Domain => MailDomain.Of(site.CurrentValue, mail.Value);
}

public static class MailDomain
{
    public static string Of(SiteOptions site, MailOptions mail)
    {
        if (Uri.TryCreate(site.BaseUrl, UriKind.Absolute, out var baseUrl))
        {
            return baseUrl.IdnHost;
        }
        var from = mail.Sender(site.Name)?.Address ?? "gazette@localhost";
        return from[(from.LastIndexOf('@') + 1)..];
    }
}
