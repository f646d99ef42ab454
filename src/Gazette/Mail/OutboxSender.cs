using Gazette.Core.Mail;
using Gazette.Data;
using Microsoft.Extensions.Options;

namespace Gazette.Mail;

/// <summary>
/// Delivers the outbox in the background: woken when something is queued (<see cref="OutboxSignal"/>), else every
/// Mail:PollInterval; claims a batch, sends it over one connection, records each message's fate as it goes. A server
/// that is down or refuses never reaches a reader's request: the messages wait, with back-off, for the next attempt.
/// </summary>
public sealed partial class OutboxSender(
    IServiceScopeFactory scopes, OutboxClaims claims, OutboxSignal signal, MailBuilder builder, IMailDelivery delivery,
    IOptions<MailOptions> options, TimeProvider clock, ILogger<OutboxSender> log) : BackgroundService
{
    private const int SentGroup = 25;

    private readonly MailOptions mail = options.Value;
    private readonly RetrySchedule schedule = new(options.Value.Retry.FirstDelay, options.Value.Retry.MaxDelay, options.Value.Retry.MaxAttempts);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        WhereMailGoes(log, delivery.Describe());
        await signal.SubscribeAsync();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database away, most likely: the messages are where they were, and the next round tries again.
                RoundFailed(log, e);
            }
            try
            {
                await signal.WaitAsync(mail.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends batches until nothing is due, or the server cannot be reached.</summary>
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        while (true)
        {
            var batch = await claims.ClaimAsync(db, mail.BatchSize, cancellationToken);
            if (batch.Count == 0 || !await SendBatchAsync(db, batch, cancellationToken) || batch.Count < mail.BatchSize)
            {
                return;
            }
        }
    }

    /// <summary>False when the connection failed: the rest of the batch is put back, to be tried after a delay.</summary>
    private async Task<bool> SendBatchAsync(GazetteDb db, IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        IMailConnection? connection = null;
        var next = 0;
        // Recorded in groups: a statement per message would cost more than sending it. Only a crash between a send and
        // its group's record could send a message again (after the lease), never normal operation.
        var sent = new List<OutboxMessage>(SentGroup);
        try
        {
            connection = await delivery.OpenAsync(cancellationToken);
            for (; next < batch.Count; next++)
            {
                var message = batch[next];
                try
                {
                    await connection.SendAsync(builder.Build(message, clock.GetUtcNow()), cancellationToken);
                }
                catch (MailRefusedException refused)
                {
                    if (refused.Permanent)
                    {
                        Refused(log, message.Id, refused.Message);
                    }
                    await claims.FailedAsync(db, message, refused.Message, refused.Permanent, counts: true, schedule, CancellationToken.None);
                    continue;
                }
                sent.Add(message);
                if (sent.Count == SentGroup)
                {
                    await claims.SentAsync(db, sent, CancellationToken.None);
                    sent.Clear();
                }
            }
            await claims.SentAsync(db, sent, CancellationToken.None);
            sent.Clear();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            NotDelivered(log, delivery.Describe(), e.Message);
            await claims.SentAsync(db, sent, CancellationToken.None);
            for (var i = next; i < batch.Count; i++)
            {
                await claims.FailedAsync(db, batch[i], e.Message, permanent: false, counts: i == next, schedule, CancellationToken.None);
            }
            return false;
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail goes to {Destination}.")]
    private static partial void WhereMailGoes(ILogger logger, string destination);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail could not be delivered to {Destination}: {Reason}. It is tried again later.")]
    private static partial void NotDelivered(ILogger logger, string destination, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Id} was refused: {ServerWords}")]
    private static partial void Refused(ILogger logger, long id, string serverWords);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail sender could not finish a round; it tries again.")]
    private static partial void RoundFailed(ILogger logger, Exception exception);
}
