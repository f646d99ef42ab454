using Gazette.Core.Mail;
using Gazette.Infrastructure;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;

namespace Gazette.Mail;

/// <summary>The MIME message for an outbox row: headers, the HTML and plain-text parts, and a DKIM signature when a key is configured.</summary>
public sealed class MailBuilder
{
    private static readonly HeaderId[] SignedHeaders =
    [
        HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.InReplyTo, HeaderId.References,
        HeaderId.MimeVersion, HeaderId.ContentType, HeaderId.ListId, HeaderId.ListUnsubscribe, HeaderId.ListUnsubscribePost,
    ];

    private readonly IOptionsMonitor<SiteOptions> site;
    private readonly MailOptions options;
    private readonly DkimSigner? signer;

    public MailBuilder(IOptionsMonitor<SiteOptions> site, IOptions<MailOptions> options)
    {
        this.site = site;
        this.options = options.Value;
        var dkim = this.options.Dkim;
        if (dkim.Enabled)
        {
            signer = new DkimSigner(dkim.PrivateKeyFile!, dkim.Domain!, dkim.Selector!, DkimSignatureAlgorithm.RsaSha256)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            };
        }
    }

    public MimeMessage Build(OutboxMessage row, DateTimeOffset now)
    {
        var message = new MimeMessage();
        message.From.Add(options.Sender(site.CurrentValue.Name)!);
        message.To.Add(new MailboxAddress(row.ToName ?? "", row.ToAddress));
        message.Subject = row.Subject;
        message.Date = now;
        message.MessageId = Bare(row.MessageId);
        if (row.ThreadId is not null)
        {
            message.InReplyTo = Bare(row.ThreadId);
            message.References.Add(Bare(row.ThreadId));
        }
        foreach (var (name, value) in ListHeaders.For(row.ListId, row.UnsubscribeUrl))
        {
            message.Headers.Add(name, value);
        }
        message.Body = new BodyBuilder { HtmlBody = row.HtmlBody, TextBody = row.TextBody }.ToMessageBody();
        if (signer is not null)
        {
            // Encoded for any relay before signing, so that nothing on the way re-encodes (and breaks) the signed body.
            message.Prepare(EncodingConstraint.SevenBit);
            signer.Sign(message, SignedHeaders.Where(h => message.Headers.Contains(h)).ToArray());
        }
        return message;
    }

    private static string Bare(string messageId) => messageId.Trim().TrimStart('<').TrimEnd('>');
}
