using Gazette.Mail;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Mail;

/// <summary>Issue 12: administrators see the outbox (queued, sent, failed with the server's words) and retry what failed.</summary>
public sealed class OutboxPageTests
{
    [Fact]
    public async Task TheOutboxShowsSentAndFailedMailWithTheServersWordsAndARetrySendsItAgain()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var site = new MailSite(smtp.Settings());
        var queued = await site.QueueAsync(["refused-ann@example.org", "bob@example.org"]);
        await MailWait.UntilAsync(async () => (await site.OutboxAsync()).All(m => m.Status != OutboxStatus.Queued), "both messages settled");
        using var admin = await site.SignInAsAdministratorAsync();

        var page = await admin.GetPageAsync("/admin/outbox");

        var rows = page.QuerySelectorAll("tr.outbox-row").ToDictionary(r => r.QuerySelector(".outbox-to")!.TextContent.Trim());
        Assert.Equal("Sent", rows["bob@example.org"].QuerySelector(".outbox-status")!.TextContent.Trim());
        var failed = rows["refused-ann@example.org"];
        Assert.Equal("Failed", failed.QuerySelector(".outbox-status")!.TextContent.Trim());
        Assert.Equal(SmtpTestServer.RefusalWords, failed.QuerySelector(".outbox-error")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector(".outbox-count[data-status='Failed']")!.TextContent.Trim());
        Assert.Contains("SMTP server 127.0.0.1", page.QuerySelector(".outbox-destination")!.TextContent);

        var retry = admin.Form(page, $"tr.outbox-row[data-id='{queued[0].Id}'] form");
        using var response = await retry.PressAsync("Retry");
        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/admin/outbox", response.Headers.Location!.ToString());
        var after = await admin.GetPageAsync("/admin/outbox");
        Assert.Contains($"Message {queued[0].Id} is queued again.", after.QuerySelector(".outbox-notice")!.TextContent);
        // Sent again, and refused again by this server: one more refusal at the server, recorded afresh.
        await MailWait.UntilAsync(async () => (await site.OutboxAsync()).Single(m => m.Id == queued[0].Id) is { Status: OutboxStatus.Failed, Attempts: 1 },
            "the retried message refused again");
    }

    [Fact]
    public async Task WithoutAnSmtpServerTheOutboxAndTheDashboardSayWhereMailIsWritten()
    {
        await using var site = new MailSite();
        using var admin = await site.SignInAsAdministratorAsync();

        var outbox = await admin.GetPageAsync("/admin/outbox");
        var dashboard = await admin.GetPageAsync("/admin");

        var folder = Path.Combine(site.DataFolder, "mail");
        Assert.Contains($"Mail is not sent: no SMTP server is set (Mail:Smtp:Host). Messages are written as .eml files into {folder}.",
            outbox.QuerySelector(".outbox-destination")!.TextContent);
        Assert.Contains($"Mail is not sent: no SMTP server is set (Mail:Smtp:Host). Messages are written as .eml files into {folder}.",
            dashboard.QuerySelector(".staff-sections")!.TextContent);
    }

    [Fact]
    public async Task OnlyAdministratorsSeeTheOutbox()
    {
        await using var site = new MailSite();
        using var reader = site.CreateReader();

        using var response = await reader.GetAsync("/admin/outbox", TestContext.Current.CancellationToken);

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString());
    }
}
