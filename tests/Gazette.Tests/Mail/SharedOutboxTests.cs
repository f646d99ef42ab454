using Gazette.Data;
using Gazette.Mail;
using Gazette.Tests.Scaling;

namespace Gazette.Tests.Mail;

/// <summary>
/// Issue 12: several instances on one PostgreSQL database share one outbox: two Gazette processes and the test's own
/// site all send (claiming with FOR UPDATE SKIP LOCKED), and every message arrives once.
/// </summary>
[Collection(ProcessTests.Name)]
public sealed class SharedOutboxTests
{
    [Fact]
    public async Task TwoInstancesOnPostgresShareOneOutboxWithoutSendingAnyMessageTwice()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var smtp = await SmtpTestServer.StartAsync();
        var dataFolder = Directory.CreateTempSubdirectory("gazette-mail-shared-").FullName;
        var settings = new Dictionary<string, string?>
        {
            [$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] = nameof(DatabaseProvider.Postgres),
            [$"ConnectionStrings:{DatabaseSettings.ConnectionStringName}"] = postgres.ConnectionString("gazette"),
            ["Storage:DataFolder"] = dataFolder,
            ["Demo:Enabled"] = "false",
            ["Mail:From"] = "news@example.org",
            ["Mail:PollInterval"] = "00:00:00.2",
            // Small batches, so that every sender gets some of the work.
            ["Mail:BatchSize"] = "10",
        };
        foreach (var (key, value) in smtp.Settings())
        {
            settings[key] = value;
        }
        await using var a = await GazetteInstance.StartAsync("A", settings);
        await using var b = await GazetteInstance.StartAsync("B", settings);
        await using var site = new MailSite(settings) { RealClock = true };
        const int count = 300;

        var queued = await site.QueueAsync(Enumerable.Range(1, count).Select(i => $"reader{i:000}@example.org").ToArray());

        var delivered = await smtp.WaitForAsync(count, TimeSpan.FromMinutes(2));
        await MailWait.UntilAsync(async () => (await site.OutboxAsync()).All(m => m.Status == OutboxStatus.Sent), "every message marked sent");
        Assert.Equal(count, delivered.Count);
        Assert.Equal(queued.Select(m => m.MessageId).Order(), delivered.Select(d => $"<{d.Message.MessageId}>").Order());
        Assert.Equal(count, delivered.SelectMany(d => d.RcptTos).Distinct().Count());
    }
}
