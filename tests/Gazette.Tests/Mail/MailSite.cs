using Gazette.Core.Mail;
using Gazette.Data;
using Gazette.Mail;
using Gazette.Mail.Templates;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Mail;

/// <summary>An empty site whose mail goes where the test says (an SMTP test server, or its .eml folder without one).</summary>
public sealed class MailSite(params IEnumerable<KeyValuePair<string, string?>> settings) : EmptyGazetteFactory
{
    /// <summary>The machine's clock instead of the tests' fixed one: for a site that shares its outbox with real processes.</summary>
    public bool RealClock { get; init; }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (RealClock)
        {
            builder.ConfigureServices(services => services.AddSingleton(TimeProvider.System));
        }
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Site:Name", "The Daily Test"),
        new("Site:BaseUrl", "https://news.example.org"),
        new("Mail:From", "news@example.org"),
        // Retries wait on the test's clock, which the tests move on; the sender also looks often by itself.
        new("Mail:Retry:FirstDelay", "00:00:01"),
        new("Mail:PollInterval", "00:00:00.2"),
        .. settings,
    ];

    /// <summary>Queues test mails to these addresses in one transaction, as a feature would, and returns their rows.</summary>
    public Task<List<OutboxMessage>> QueueAsync(string[] addresses, string? thread = null, MailList? list = null) => WithDbAsync(async db =>
    {
        var outbox = Services.GetRequiredService<Outbox>();
        var queued = new List<OutboxMessage>();
        foreach (var address in addresses)
        {
            var message = await outbox.QueueAsync<TestMail>(db, new MailRecipient(address, "Ann Reader"),
                new Dictionary<string, object?> { ["Name"] = "Ann", ["Link"] = "http://localhost/" }, thread, list,
                TestContext.Current.CancellationToken);
            queued.Add(message!);
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return queued;
    });

    public Task<List<OutboxMessage>> OutboxAsync() =>
        WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(TestContext.Current.CancellationToken));

    /// <summary>Moves the clock past any retry's delay and wakes the sender.</summary>
    public void MoveOnAndWake(TimeSpan by)
    {
        Clock.Advance(by);
        Services.GetRequiredService<OutboxSignal>().WakeHere();
    }
}
