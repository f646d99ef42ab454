using System.Collections.Concurrent;
using Gazette.Accounts.Mail;

namespace Gazette.Tests.Accounts;

/// <summary>
/// Keeps the account mail the site hands over, in place of sending it, so a test can follow its links as the
/// recipient would.
/// </summary>
public sealed class RecordedAccountMail : IAccountMail
{
    private readonly ConcurrentQueue<AccountMessage> messages = new();

    public IReadOnlyList<AccountMessage> Messages => messages.ToList();

    public Task SendAsync(AccountMessage message, CancellationToken cancellationToken)
    {
        messages.Enqueue(message);
        return Task.CompletedTask;
    }

    public IReadOnlyList<AccountMessage> To(string address) =>
        messages.Where(m => string.Equals(m.To, address, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The link of the one mail of this kind to this address, as a path on the site.</summary>
    public string LinkOf(AccountMessageKind kind, string address)
    {
        var message = Assert.Single(To(address), m => m.Kind == kind);
        return new Uri(message.Link!).PathAndQuery;
    }
}
