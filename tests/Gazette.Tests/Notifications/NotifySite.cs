using System.Text.RegularExpressions;
using Gazette.Comments;
using Gazette.Moderation;
using Gazette.Notifications;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Notifications;

/// <summary>
/// A site whose mail goes to a real SMTP server, with one article open for comments ("/articles/talk"); the
/// notifications service looks often by itself, and its batching follows the tests' clock.
/// </summary>
public sealed partial class NotifySite : EmptyGazetteFactory
{
    public const string Article = "/articles/talk";

    /// <summary>
    /// The service wakes 10 s after a post and polls every 10 minutes: what a post leaves to it stays so while a test
    /// looks, or runs the service's batches itself.
    /// </summary>
    public static readonly KeyValuePair<string, string?>[] Unhurried =
        [new("Notifications:WakeDelay", "00:00:10"), new("Notifications:PollInterval", "00:10:00")];

    private readonly IEnumerable<KeyValuePair<string, string?>> settings;

    private NotifySite(SmtpTestServer smtp, bool onPort, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        Smtp = smtp;
        this.settings = settings;
        if (onPort)
        {
            // Before anything starts the host: a browser needs a socket, not the in-memory test server.
            UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        }
    }

    public SmtpTestServer Smtp { get; }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Site:Name", "The Daily Test"),
        new("Site:BaseUrl", "https://news.example.org"),
        new("Mail:From", "news@example.org"),
        new("Mail:PollInterval", "00:00:00.2"),
        new("Notifications:PollInterval", "00:00:00.2"),
        .. Smtp.Settings(),
        .. settings,
    ];

    public static Task<NotifySite> StartAsync(params IEnumerable<KeyValuePair<string, string?>> settings) => StartAsync(false, settings);

    /// <summary>On a real port (Kestrel on 127.0.0.1), for a browser.</summary>
    public static async Task<NotifySite> StartAsync(bool onPort, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var smtp = await SmtpTestServer.StartAsync();
        var site = new NotifySite(smtp, onPort, settings);
        if (onPort)
        {
            site.StartServer();
        }
        await site.WithDbAsync(async db =>
        {
            var at = Now.UtcDateTime.AddDays(-1);
            db.Add(Article("Talk", at, Author("Ana Writer")));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return site;
    }

    public FormClient Browser() => new(this);

    /// <summary>Posts a comment (or a reply) through the form as this browser's guest; returns its id.</summary>
    public static async Task<int> PostAsync(FormClient browser, string body, int? replyTo = null, string? name = null, string? email = null, bool notifyReplies = false)
    {
        var form = await browser.GetFormAsync($"{Article}/comment{(replyTo is null ? "" : $"?replyTo={replyTo}")}", "form.comment-form");
        form.Set("Body", body);
        if (name is not null)
        {
            form.Set("AuthorName", name);
        }
        if (email is not null)
        {
            form.Set("AuthorEmail", email);
        }
        if (notifyReplies)
        {
            form.Check("NotifyReplies");
        }
        using var posted = await form.SubmitAsync();
        Assert.True(posted.Headers.Location is not null, $"The comment was not posted: {(int)posted.StatusCode}.");
        return int.Parse(CommentId().Match(posted.Headers.Location!.OriginalString).Groups[1].Value);
    }

    /// <summary>A comment written straight into the database with this status, as screening would have kept it.</summary>
    public Task<int> AddAsync(int parentId, string body, CommentStatus status) => WithDbAsync(async db =>
    {
        var parent = await db.Comments.FirstAsync(c => c.Id == parentId, TestContext.Current.CancellationToken);
        var comment = new Comment
        {
            ArticleId = parent.ArticleId, ParentId = parent.Id, RootId = parent.RootId ?? parent.Id, Depth = parent.Depth + 1,
            AuthorName = "Someone", Body = body, BodyHtml = Gazette.Core.Text.CommentText.ToHtml(body), Status = status,
            CreatedAt = Clock.GetUtcNow().UtcDateTime,
        };
        db.Add(comment);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return comment.Id;
    });

    public Task ApproveAsync(int commentId) => WithScopeAsync(services => services.GetRequiredService<CommentStatusChanges>()
        .DecideAsync(commentId, Decision.Approve, new Moderator(null, "A moderator"), null, TestContext.Current.CancellationToken));

    private async Task WithScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    /// <summary>Waits until the notifications service has dealt with every public comment.</summary>
    public Task AllNotifiedAsync() => MailWait.UntilAsync(() => WithDbAsync(db => db.Comments.AllAsync(
        c => c.Status != CommentStatus.Approved || c.NotifiedAt != null, TestContext.Current.CancellationToken)), "every public comment notified");

    /// <summary>One more round of the notifications service after everything before, then every queued mail delivered: nothing more is coming.</summary>
    public async Task EverythingSentAsync()
    {
        await Services.GetRequiredService<NotificationService>().RunOnceAsync(TestContext.Current.CancellationToken);
        await AllNotifiedAsync();
        await MailWait.UntilAsync(() => WithDbAsync(db => db.OutboxMessages.AllAsync(
            m => m.Status != Gazette.Mail.OutboxStatus.Queued, TestContext.Current.CancellationToken)), "the outbox sent");
    }

    /// <summary>Moves the tests' clock on and wakes the notifications service.</summary>
    public void MoveOnAndWake(TimeSpan by)
    {
        Clock.Advance(by);
        Services.GetRequiredService<NotificationSignal>().CommentsPublished();
    }

    /// <summary>Mail delivered to this address so far.</summary>
    public IReadOnlyList<MimeMessage> MailTo(string address) =>
        Smtp.Delivered().Where(d => d.RcptTos.Contains(address, StringComparer.OrdinalIgnoreCase)).Select(d => d.Message).ToList();

    /// <summary>Waits until this address has received <paramref name="count"/> messages and returns the last.</summary>
    public async Task<MimeMessage> WaitForMailToAsync(string address, int count)
    {
        await MailWait.UntilAsync(() => Task.FromResult(MailTo(address).Count >= count), $"{count} messages to {address}");
        return MailTo(address)[count - 1];
    }

    /// <summary>The link of a mail's plain-text part whose path starts so, as a path and query to request.</summary>
    public static string Link(MimeMessage message, string pathStart)
    {
        var match = Regex.Match(message.TextBody ?? "", $@"https://news\.example\.org({Regex.Escape(pathStart)}[^\s>]*)");
        Assert.True(match.Success, $"No link to {pathStart} in:\n{message.TextBody}");
        return match.Groups[1].Value;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    [GeneratedRegex(@"/comments/(\d+)")]
    private static partial Regex CommentId();
}
