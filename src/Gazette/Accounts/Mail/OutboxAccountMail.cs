using Gazette.Data;
using Gazette.Mail;

namespace Gazette.Accounts.Mail;

/// <summary>
/// Account mail through the outbox, one template per kind, as one-off mail (no List-* headers). The log says which
/// mail was queued; its link is a key to the account, so it is written there only in Development: in Production a
/// log is read by more people, and kept longer, than a mailbox.
/// </summary>
public sealed class OutboxAccountMail(Outbox outbox, ILoggerFactory loggers, IWebHostEnvironment environment) : IAccountMail
{
    public async Task QueueAsync(GazetteDb db, AccountMessage message, CancellationToken cancellationToken)
    {
        var to = new MailRecipient(message.To, message.DisplayName);
        var parameters = new Dictionary<string, object?> { ["Name"] = message.DisplayName, ["Link"] = message.Link };
        if (message.Kind == AccountMessageKind.AddressChanged)
        {
            parameters["NewAddress"] = message.NewAddress;
        }
        _ = message.Kind switch
        {
            AccountMessageKind.VerifyAddress => await outbox.QueueAsync<VerifyAddressMail>(db, to, parameters, cancellationToken: cancellationToken),
            AccountMessageKind.AddressHasAccount => await outbox.QueueAsync<AddressHasAccountMail>(db, to, parameters, cancellationToken: cancellationToken),
            AccountMessageKind.PasswordReset => await outbox.QueueAsync<PasswordResetMail>(db, to, parameters, cancellationToken: cancellationToken),
            AccountMessageKind.ConfirmNewAddress => await outbox.QueueAsync<ConfirmNewAddressMail>(db, to, parameters, cancellationToken: cancellationToken),
            AccountMessageKind.AddressChanged => await outbox.QueueAsync<AddressChangedMail>(db, to, parameters, cancellationToken: cancellationToken),
            AccountMessageKind.Invitation => await outbox.QueueAsync<InvitationMail>(db, to, parameters, cancellationToken: cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message.Kind, "No template for this account mail."),
        };
        var log = loggers.CreateLogger(AccountLog.Category);
        if (environment.IsDevelopment() && message.Link is not null)
        {
            AccountLog.MailWithLink(log, message.Kind, message.To, message.Link);
        }
        else
        {
            AccountLog.MailQueued(log, message.Kind);
        }
    }
}
