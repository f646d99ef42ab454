using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gazette.Mail;

/// <summary>SMTP through MailKit: one connection (TLS as Mail:Smtp:Security says, signed in when a user name is given) per batch.</summary>
public sealed class SmtpDelivery(IOptions<MailOptions> options) : IMailDelivery
{
    private readonly MailOptions.SmtpSettings smtp = options.Value.Smtp;
    private readonly X509Certificate2? trusted = string.IsNullOrWhiteSpace(options.Value.Smtp.CertificateFile)
        ? null
        : X509CertificateLoader.LoadCertificateFromFile(options.Value.Smtp.CertificateFile);

    public string Describe() => $"SMTP server {smtp.Host}:{smtp.EffectivePort} ({smtp.Security})";

    public async Task<IMailConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds, ServerCertificateValidationCallback = Validate };
        Socket? socket = null;
        try
        {
            // Without Nagle's algorithm: each SMTP command is a small write, and waiting for the server's delayed
            // acknowledgement cost about 40 ms per message (22 messages/s instead of hundreds).
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(smtp.Host!, smtp.EffectivePort, cancellationToken);
            await client.ConnectAsync(socket, smtp.Host!, smtp.EffectivePort, Map(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }
            return new Connection(client);
        }
        catch
        {
            client.Dispose();
            socket?.Dispose();
            throw;
        }
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None
        || (trusted is not null && certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(trusted.RawData));

    private static SecureSocketOptions Map(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private sealed class Connection(SmtpClient client) : IMailConnection
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                await client.SendAsync(message, cancellationToken);
            }
            catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted)
            {
                // The server's own words, with its code: what the administrators' outbox page shows.
                throw new MailRefusedException($"{(int)e.StatusCode} {e.Message}", permanent: (int)e.StatusCode >= 500, e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
            {
                // Everything was sent or released already; the connection goes anyway.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
