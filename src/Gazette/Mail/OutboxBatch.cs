using Gazette.Core.Mail;
using Gazette.Data;
using Microsoft.AspNetCore.Components;

namespace Gazette.Mail;

/// <summary>
/// Many mails queued in one <see cref="GazetteDb"/> (<see cref="Outbox.StartBatchAsync"/>): rendered by one renderer,
/// checked against suppressions read once. The same rules as <see cref="Outbox.QueueAsync{TTemplate}"/>, without a
/// service scope and a query per mail.
/// </summary>
public sealed class OutboxBatch : IAsyncDisposable
{
    private readonly Outbox outbox;
    private readonly GazetteDb db;
    private readonly MailRenderer.Session renderer;
    private readonly ILookup<string, string> suppressed;

    internal OutboxBatch(Outbox outbox, GazetteDb db, MailRenderer.Session renderer, ILookup<string, string> suppressed)
    {
        this.outbox = outbox;
        this.db = db;
        this.renderer = renderer;
        this.suppressed = suppressed;
    }

    /// <summary>Whether the address asked for no more mail of <paramref name="list"/>, or of any; only for addresses the batch was started with.</summary>
    public bool IsSuppressed(string address, string list) =>
        suppressed[MailSuppression.Normalize(address)].Any(s => s == list || s == MailSuppression.AnyList);

    /// <summary>As <see cref="Outbox.QueueAsync{TTemplate}"/>: null, adding nothing, when the address asked for no more of <paramref name="list"/>.</summary>
    public async Task<OutboxMessage?> QueueAsync<TTemplate>(MailRecipient to, IReadOnlyDictionary<string, object?> parameters, string? thread = null, MailList? list = null)
        where TTemplate : IComponent
    {
        var mailbox = Outbox.Mailbox(to);
        if (list is not null && IsSuppressed(to.Address, list.Name))
        {
            return null;
        }
        return outbox.Add(db, typeof(TTemplate).Name, mailbox, to, await renderer.RenderAsync<TTemplate>(parameters), thread, list);
    }

    public ValueTask DisposeAsync() => renderer.DisposeAsync();
}
