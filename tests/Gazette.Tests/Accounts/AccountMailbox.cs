using AngleSharp.Html.Parser;
using Gazette.Accounts.Mail;
using Gazette.Data;
using Gazette.Mail;
using Gazette.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Gazette.Tests.Accounts;

/// <summary>
/// The account mail the site really sent: the .eml files its sender writes into the data folder when no SMTP server is
/// set (the zero-setup delivery), read back with MimeKit. Each kind of mail is known by its subject.
/// </summary>
public sealed class AccountMailbox(string folder, Func<Func<GazetteDb, Task<bool>>, Task<bool>> query)
{
    /// <summary>How each kind of account mail's subject begins.</summary>
    public static string SubjectOf(AccountMessageKind kind) => kind switch
    {
        AccountMessageKind.VerifyAddress => "Verify your address",
        AccountMessageKind.AddressHasAccount => "You already have an account",
        AccountMessageKind.PasswordReset => "Choose a new password",
        AccountMessageKind.ConfirmNewAddress => "Confirm your new address",
        AccountMessageKind.AddressChanged => "Your address at",
        AccountMessageKind.Invitation => "You are invited",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Every message delivered so far, once the sender has handed over everything queued.</summary>
    public async Task<IReadOnlyList<MimeMessage>> AllAsync()
    {
        await MailWait.UntilAsync(() => query(db => db.OutboxMessages.AllAsync(m => m.Status != OutboxStatus.Queued)), "the outbox sent");
        return Delivered();
    }

    public async Task<IReadOnlyList<MimeMessage>> ToAsync(string address) =>
        (await AllAsync()).Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>The one mail of this kind delivered to this address.</summary>
    public async Task<MimeMessage> OneAsync(AccountMessageKind kind, string address)
    {
        await MailWait.UntilAsync(() => Task.FromResult(Matching(kind, address).Any()), $"{kind} mail to {address}");
        return Assert.Single(await ToAsync(address), m => (m.Subject ?? "").StartsWith(SubjectOf(kind), StringComparison.Ordinal));
    }

    /// <summary>The link of the one mail of this kind to this address (its button, the first link of the message), as a path on the site.</summary>
    public async Task<string> LinkOfAsync(AccountMessageKind kind, string address) => new Uri(LinkIn(await OneAsync(kind, address))).PathAndQuery;

    /// <summary>Waits for the <paramref name="count"/>th mail of this kind to this address and returns its link, as a path on the site.</summary>
    public async Task<string> NthLinkOfAsync(AccountMessageKind kind, string address, int count)
    {
        await MailWait.UntilAsync(() => Task.FromResult(Matching(kind, address).Count() >= count), $"{count} {kind} mails to {address}");
        return new Uri(LinkIn(Matching(kind, address).ElementAt(count - 1))).PathAndQuery;
    }

    /// <summary>The mail the site writes into its data folder (no SMTP server is set), read through its database.</summary>
    public static AccountMailbox Of(Infrastructure.GazetteFactory site) =>
        new(Path.Combine(site.DataFolder, MailOptions.FolderName), site.WithDbAsync);

    /// <summary>The absolute URL of the message's first link, read from its HTML part; the text part carries it too.</summary>
    public static string LinkIn(MimeMessage message)
    {
        var html = new HtmlParser().ParseDocument(message.HtmlBody ?? "");
        var link = html.QuerySelector("main a[href]")!.GetAttribute("href")!;
        Assert.Contains(link, message.TextBody);
        return link;
    }

    private IEnumerable<MimeMessage> Matching(AccountMessageKind kind, string address) =>
        Delivered().Where(m => (m.Subject ?? "").StartsWith(SubjectOf(kind), StringComparison.Ordinal)
            && m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));

    private List<MimeMessage> Delivered() =>
        !Directory.Exists(folder) ? [] : Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path)).ToList();
}
