using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Gazette.Mail;

public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it, else plain; TLS from the start on port 465.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// Section "Mail": how Gazette sends mail. Without <c>Mail:Smtp:Host</c> nothing is sent: every message is written as a
/// .eml file into <see cref="FolderName"/> under the data folder, so that zero setup loses nothing.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The folder under the data folder where messages go without an SMTP server.</summary>
    public const string FolderName = "mail";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The sender: <c>news@example.org</c>, or <c>"Example News" &lt;news@example.org&gt;</c>; the name defaults to Site:Name.</summary>
    [Required]
    public string From { get; set; } = "gazette@localhost";

    public DkimSettings Dkim { get; set; } = new();

    public RetrySettings Retry { get; set; } = new();

    /// <summary>How often the sender looks for due messages when nothing wakes it (a retry falling due, a missed signal).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages claimed and sent over one SMTP connection at a time.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    public bool SendsBySmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>The From mailbox, its display name the site's when it gives none; null when <see cref="From"/> does not parse.</summary>
    public MailboxAddress? Sender(string siteName)
    {
        if (!MailboxAddress.TryParse(From, out var mailbox) || !mailbox.Address.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }
        return string.IsNullOrWhiteSpace(mailbox.Name) ? new MailboxAddress(siteName, mailbox.Address) : mailbox;
    }

    public sealed class SmtpSettings
    {
        public string? Host { get; set; }

        /// <summary>0: the usual port for <see cref="Security"/> (465 for SslOnConnect, else 587; 25 with None).</summary>
        [Range(0, 65535)]
        public int Port { get; set; }

        public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

        public string? UserName { get; set; }
        public string? Password { get; set; }

        /// <summary>A certificate (PEM or DER file) trusted for this server besides the system's: a relay with a self-signed one.</summary>
        public string? CertificateFile { get; set; }

        [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

        public int EffectivePort => Port != 0 ? Port : Security switch
        {
            SmtpSecurity.SslOnConnect => 465,
            SmtpSecurity.None => 25,
            _ => 587,
        };
    }

    public sealed class DkimSettings
    {
        /// <summary>The signing domain (d=), usually the From address's.</summary>
        public string? Domain { get; set; }

        /// <summary>The selector (s=): the key is published at {Selector}._domainkey.{Domain}.</summary>
        public string? Selector { get; set; }

        /// <summary>The RSA private key, PEM.</summary>
        public string? PrivateKeyFile { get; set; }

        public bool Enabled => !string.IsNullOrWhiteSpace(Domain) || !string.IsNullOrWhiteSpace(Selector) || !string.IsNullOrWhiteSpace(PrivateKeyFile);
    }

    public sealed class RetrySettings
    {
        [Range(typeof(TimeSpan), "00:00:00.1", "1.00:00:00")]
        public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);

        [Range(typeof(TimeSpan), "00:00:00.1", "7.00:00:00")]
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(4);

        [Range(1, 100)]
        public int MaxAttempts { get; set; } = 20;
    }
}
