using MimeKit;

namespace Gazette.Mail;

/// <summary>Where the sender hands messages: an SMTP server (<see cref="SmtpDelivery"/>) or a folder of .eml files (<see cref="FolderDelivery"/>).</summary>
public interface IMailDelivery
{
    /// <summary>Opens what a batch is sent over: one SMTP connection for the whole batch.</summary>
    Task<IMailConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>For the dashboard and the start-up line: where mail goes.</summary>
    string Describe();
}

public interface IMailConnection : IAsyncDisposable
{
    /// <summary>Sends one message. A refusal throws <see cref="MailRefusedException"/>; any other exception means the connection is gone.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>The server refused one message; <see cref="Permanent"/> for a 5xx answer. The connection can go on with the next.</summary>
public sealed class MailRefusedException(string serverWords, bool permanent, Exception? inner = null) : Exception(serverWords, inner)
{
    public bool Permanent { get; } = permanent;
}
