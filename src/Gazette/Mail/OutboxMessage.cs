using Gazette.Core.Mail;

namespace Gazette.Mail;

public enum OutboxStatus
{
    /// <summary>Waiting to be sent, or to be tried again at <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    Queued = 0,
    Sent = 1,
    /// <summary>Refused for good (a 5xx answer), or given up after every retry: <see cref="OutboxMessage.LastError"/> says why.</summary>
    Failed = 2,
}

/// <summary>
/// One mail, rendered when it was queued and kept until it is sent: the durable outbox. It is added to the caller's
/// DbContext (<see cref="Outbox.QueueAsync{TTemplate}"/>), so it is saved in the same transaction as what caused it,
/// and the sender (<see cref="OutboxSender"/>) claims it with a lease, so that one instance sends it, once.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAddressLength = 320;

    public long Id { get; private set; }

    /// <summary>The template's name (ConfirmAddressMail …), for the administrators' list.</summary>
    public string Kind { get; private set; } = "";

    public string ToAddress { get; private set; } = "";
    public string? ToName { get; private set; }
    public string Subject { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string MessageId { get; private set; } = "";

    /// <summary>The discussion's id (<see cref="MessageIds.ForThread"/>), named in In-Reply-To and References; null for none.</summary>
    public string? ThreadId { get; private set; }

    /// <summary>List-Id's value and the one-click unsubscribe link, for a mail of a series; null for a one-off mail.</summary>
    public string? ListId { get; private set; }

    public string? UnsubscribeUrl { get; private set; }

    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? SentAt { get; private set; }

    /// <summary>The last failure: the server's own words for a refusal, or what went wrong on the way.</summary>
    public string? LastError { get; private set; }

    /// <summary>Who holds the message while sending it, and until when: another instance may take it only after that.</summary>
    public Guid? ClaimToken { get; private set; }

    public DateTime? LeaseUntil { get; private set; }

    private OutboxMessage()
    {
    }

    internal static OutboxMessage Create(
        string kind, string toAddress, string? toName, RenderedMail mail, string messageId, string? threadId,
        string? listId, string? unsubscribeUrl, DateTime now) => new()
        {
            Kind = kind,
            ToAddress = toAddress,
            ToName = toName,
            Subject = mail.Subject,
            HtmlBody = mail.Html,
            TextBody = mail.Text,
            MessageId = messageId,
            ThreadId = threadId,
            ListId = listId,
            UnsubscribeUrl = unsubscribeUrl,
            Status = OutboxStatus.Queued,
            CreatedAt = now,
            NextAttemptAt = now,
        };
}
