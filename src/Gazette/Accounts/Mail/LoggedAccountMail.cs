namespace Gazette.Accounts.Mail;

/// <summary>
/// Until the outbox sends account mail, it is announced in the log (category "Gazette.Accounts"). Its link is a key
/// to the account, so it is written only in Development: in Production a log is read by more people, and kept longer,
/// than a mailbox.
/// </summary>
public sealed class LoggedAccountMail(ILoggerFactory loggers, IWebHostEnvironment environment) : IAccountMail
{
    public Task SendAsync(AccountMessage message, CancellationToken cancellationToken)
    {
        var log = loggers.CreateLogger(AccountLog.Category);
        if (environment.IsDevelopment() && message.Link is not null)
        {
            AccountLog.MailWithLink(log, message.Kind, message.To, message.Link);
        }
        else
        {
            AccountLog.MailNotSent(log, message.Kind);
        }
        return Task.CompletedTask;
    }
}
