using Gazette.Core.Mail;
using Gazette.Mail;
using MimeKit;

namespace Gazette.Tests.Mail;

/// <summary>Issue 12: queued mail reaches a real SMTP server, whole, once, whatever the server does meanwhile.</summary>
public sealed class MailDeliveryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueuedMailArrivesWithBothPartsAndTheHeadersOfASeries()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var site = new MailSite(smtp.Settings());
        var list = new MailList("replies", "https://news.example.org/mail/unsubscribe?t=abc", "Replies to you");

        var queued = await site.QueueAsync(["ann@example.org"], thread: "article:42", list: list);

        var delivery = (await smtp.WaitForAsync(1)).Single();
        var message = delivery.Message;
        Assert.Equal(["ann@example.org"], delivery.RcptTos);
        Assert.Equal("\"The Daily Test\" <news@example.org>", message.From.ToString());
        Assert.Equal("\"Ann Reader\" <ann@example.org>", message.To.ToString());
        Assert.Equal("Test message from The Daily Test", message.Subject);
        Assert.EndsWith("@news.example.org", message.MessageId);
        Assert.Equal(queued[0].MessageId, $"<{message.MessageId}>");
        var thread = MessageIds.ForThread("article:42", "news.example.org");
        Assert.Equal(thread, $"<{message.InReplyTo}>");
        Assert.Equal([thread], message.References.Select(r => $"<{r}>"));
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Equal("\"Replies to you\" <replies.news.example.org>", message.Headers["List-Id"]);
        Assert.Equal("<https://news.example.org/mail/unsubscribe?t=abc>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("This is a test message: mail from The Daily Test reaches you.", message.TextBody);
        Assert.Contains("Open the site <http://localhost/>", message.TextBody);
        Assert.Contains("<a href=\"http://localhost/\"", message.HtmlBody);

        // The link in the mail leads to the site.
        var link = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(message.HtmlBody!).QuerySelector("main a")!.GetAttribute("href")!;
        using var reader = site.CreateReader();
        using var response = await reader.GetAsync(new Uri(link).PathAndQuery, Token);
        Assert.Equal(200, (int)response.StatusCode);
        await MailWait.UntilAsync(async () => (await site.OutboxAsync()).Single().Status == OutboxStatus.Sent, "the message marked sent");
    }

    [Fact]
    public async Task AOneOffMessageHasNoListHeadersAndNoThread()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var site = new MailSite(smtp.Settings());

        await site.QueueAsync(["ann@example.org"]);

        var message = (await smtp.WaitForAsync(1)).Single().Message;
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Null(message.Headers["List-Id"]);
        Assert.Null(message.Headers["List-Unsubscribe"]);
        Assert.Null(message.InReplyTo);
    }

    [Fact]
    public async Task ABatchGoesOverOneConnection()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var site = new MailSite(smtp.Settings());

        await site.QueueAsync(Enumerable.Range(1, 20).Select(i => $"reader{i}@example.org").ToArray());

        var delivered = await smtp.WaitForAsync(20);
        Assert.Equal(20, delivered.Count);
        Assert.Single(delivered.Select(d => d.ClientPort).Distinct());
    }

    [Fact]
    public async Task MailGoesOverStartTlsToAServerWithATrustedSelfSignedCertificate()
    {
        var certificate = TestCertificate.Make();
        await using var smtp = await SmtpTestServer.StartAsync("--tls", certificate.CertificateFile, certificate.KeyFile);
        await using var site = new MailSite([.. smtp.Settings("StartTls"), new("Mail:Smtp:CertificateFile", certificate.CertificateFile)]);

        await site.QueueAsync(["ann@example.org"]);

        var delivery = (await smtp.WaitForAsync(1)).Single();
        Assert.True(delivery.Tls);
        Assert.Equal("Test message from The Daily Test", delivery.Message.Subject);
    }

    [Fact]
    public async Task MailQueuedWhileTheServerIsDownIsDeliveredOnceItIsBackNothingLostNothingDoubled()
    {
        await using var smtp = SmtpTestServer.NotStarted();
        await using var site = new MailSite(smtp.Settings());

        await site.QueueAsync(["a@example.org", "b@example.org", "c@example.org"]);
        await MailWait.UntilAsync(async () => (await site.OutboxAsync()).Any(m => m.Attempts > 0 && m.LastError is not null),
            "a failed attempt while the server is down");
        var waiting = await site.OutboxAsync();
        Assert.All(waiting, m => Assert.Equal(OutboxStatus.Queued, m.Status));

        await smtp.StartAgainAsync();
        site.MoveOnAndWake(TimeSpan.FromMinutes(5));

        var delivered = await smtp.WaitForAsync(3);
        await MailWait.UntilAsync(async () => (await site.OutboxAsync()).All(m => m.Status == OutboxStatus.Sent), "every message marked sent");
        // Given time to send anything twice, it does not.
        site.MoveOnAndWake(TimeSpan.FromMinutes(10));
        await site.QueueAsync(["last@example.org"]);
        delivered = await smtp.WaitForAsync(4);
        Assert.Equal(4, delivered.Count);
        Assert.Equal(["a@example.org", "b@example.org", "c@example.org", "last@example.org"], delivered.SelectMany(d => d.RcptTos).Order());
        Assert.Equal(4, delivered.Select(d => d.Message.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task APermanentRefusalIsRecordedWithTheServersWordsAndTheRestOfTheBatchStillGoes()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var site = new MailSite(smtp.Settings());

        await site.QueueAsync(["refused-ann@example.org", "bob@example.org"]);

        var delivered = await smtp.WaitForAsync(1);
        await MailWait.UntilAsync(async () => (await site.OutboxAsync()).All(m => m.Status != OutboxStatus.Queued), "both messages settled");
        var outbox = await site.OutboxAsync();
        var refused = outbox.Single(m => m.ToAddress == "refused-ann@example.org");
        Assert.Equal(OutboxStatus.Failed, refused.Status);
        Assert.Contains("User unknown in local recipient table", refused.LastError);
        Assert.StartsWith("550", refused.LastError);
        Assert.Equal(OutboxStatus.Sent, outbox.Single(m => m.ToAddress == "bob@example.org").Status);
        Assert.Equal(["bob@example.org"], delivered.Single().RcptTos);
    }

    [Fact]
    public async Task WithoutAnSmtpServerMailIsWrittenAsEmlFilesInTheDataFolder()
    {
        await using var site = new MailSite();

        await site.QueueAsync(["ann@example.org"]);

        var folder = Path.Combine(site.DataFolder, "mail");
        await MailWait.UntilAsync(() => Task.FromResult(Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").Length == 1), "an .eml file");
        var message = MimeMessage.Load(Directory.GetFiles(folder, "*.eml").Single(), Token);
        Assert.Equal("Test message from The Daily Test", message.Subject);
        Assert.Contains("Open the site <http://localhost/>", message.TextBody);
        await MailWait.UntilAsync(async () => (await site.OutboxAsync()).Single().Status == OutboxStatus.Sent, "the message marked sent");
    }
}
