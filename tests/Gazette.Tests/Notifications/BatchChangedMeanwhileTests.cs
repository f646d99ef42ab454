using System.Data.Common;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Notifications;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Notifications;

/// <summary>
/// On SQLite a notification batch is read and its mails rendered before it takes the one writer (posts wait for it),
/// and kept only if nothing it read changed meanwhile; else it is read again inside the transaction (replies, followers,
/// digests). These tests make the change at that very moment: as the batch begins its transaction, from another
/// connection. Each fails if its batch keeps what it read without checking. On PostgreSQL the batch reads inside its
/// transaction, after the change, and must come to the same mail.
/// </summary>
public sealed class BatchChangedMeanwhileTests
{
    private const string Ann = "ann@example.org";
    private const string Cy = "cy@example.org";

    [Fact]
    public async Task AReplyAModeratorRemovesWhileItsMailIsRenderedIsNotMailedAndTheOtherReplyIs()
    {
        await using var site = await NotifySite.StartAsync(NotifySite.Unhurried);
        var ann = await site.SignInAsStaffAsync(Ann);
        var annsComment = await NotifySite.PostAsync(ann, "Tell me of replies.");
        using var bob = site.Browser();
        var removed = await NotifySite.PostAsync(bob, "A reply the moderator takes down.", annsComment, name: "Bob");
        var kept = await NotifySite.PostAsync(bob, "A reply that stays up.", annsComment, name: "Bob");

        var changed = await RunBatchAsync<PublishedComments>(site, (batch, db) => batch.RunBatchAsync(db, TestContext.Current.CancellationToken),
            db => db.Comments.Where(c => c.Id == removed)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, CommentStatus.Trashed), TestContext.Current.CancellationToken));
        await site.EverythingSentAsync();

        Assert.True(changed, "The batch never began its transaction.");
        var told = Assert.Single(site.MailTo(Ann));
        Assert.Contains("A reply that stays up.", told.TextBody);
        Assert.DoesNotContain("takes down", told.TextBody);
        Assert.DoesNotContain("takes down", told.HtmlBody);
        Assert.Contains($"/comments/{kept}", told.TextBody);
    }

    [Fact]
    public async Task AFollowerWhoStopsFollowingWhileTheBatchIsRenderedIsNotMailedAndTheOthersAre()
    {
        await using var site = await NotifySite.StartAsync(NotifySite.Unhurried);
        foreach (var address in new[] { Ann, Cy })
        {
            var member = await site.SignInAsStaffAsync(address);
            using var follow = await (await member.GetFormAsync($"{NotifySite.Article}/follow", "main form")).SubmitAsync();
        }
        var annId = await site.WithDbAsync(db => db.Users.FirstAsyncOf(Ann));
        using var bob = site.Browser();
        await NotifySite.PostAsync(bob, "News for the followers.", name: "Bob");
        // The published comments' pass first, as the service runs it: followers read only what it has dealt with.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PublishedComments>()
                .RunBatchAsync(scope.ServiceProvider.GetRequiredService<GazetteDb>(), TestContext.Current.CancellationToken);
        }

        var changed = await RunBatchAsync<FollowedDiscussions>(site, (batch, db) => batch.RunBatchAsync(db, TestContext.Current.CancellationToken),
            db => db.Set<DiscussionFollow>().Where(f => f.UserId == annId).ExecuteDeleteAsync(TestContext.Current.CancellationToken));
        await site.EverythingSentAsync();

        Assert.True(changed, "The batch never began its transaction.");
        Assert.Empty(site.MailTo(Ann));
        var told = Assert.Single(site.MailTo(Cy));
        Assert.Contains("News for the followers.", told.TextBody);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<DiscussionFollow>().CountAsync(f => f.UserId == annId, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task AMemberWhoStopsTheirDigestWhileTheBatchIsRenderedGetsNoneAndTheOthersGetTheirs()
    {
        await using var site = await NotifySite.StartAsync(NotifySite.Unhurried);
        foreach (var address in new[] { Ann, Cy })
        {
            var member = await site.SignInAsStaffAsync(address);
            await site.WithDbAsync(async db =>
            {
                var user = await db.Users.SingleAsync(u => u.Email == address, TestContext.Current.CancellationToken);
                user.Digest = Gazette.Accounts.MailDigest.Daily;
                return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            });
            using var follow = await (await member.GetFormAsync($"{NotifySite.Article}/follow", "main form")).SubmitAsync();
        }
        var annId = await site.WithDbAsync(db => db.Users.FirstAsyncOf(Ann));
        var service = site.Services.GetRequiredService<NotificationService>();
        // The first round starts the members' day; the second deals with the news.
        await service.RunOnceAsync(TestContext.Current.CancellationToken);
        using var bob = site.Browser();
        await NotifySite.PostAsync(bob, "News for the digest.", name: "Bob");
        await service.RunOnceAsync(TestContext.Current.CancellationToken);
        site.Clock.Advance(TimeSpan.FromDays(1));

        var changed = await RunBatchAsync<Digests>(site, (batch, db) => batch.RunBatchAsync(db, TestContext.Current.CancellationToken),
            db => db.Users.Where(u => u.Id == annId)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.Digest, Gazette.Accounts.MailDigest.None), TestContext.Current.CancellationToken));
        await site.EverythingSentAsync();

        Assert.True(changed, "The batch never began its transaction.");
        Assert.DoesNotContain(site.MailTo(Ann), mail => mail.Subject?.StartsWith("Your daily digest", StringComparison.Ordinal) == true);
        var digest = Assert.Single(site.MailTo(Cy));
        Assert.StartsWith("Your daily digest", digest.Subject);
        Assert.Contains("News for the digest.", digest.TextBody);
    }

    /// <summary>
    /// Runs one batch of <typeparamref name="TBatch"/> on a context that makes <paramref name="change"/> (on a connection
    /// of its own) just before the batch's transaction begins; returns whether it did.
    /// </summary>
    private static async Task<bool> RunBatchAsync<TBatch>(NotifySite site, Func<TBatch, GazetteDb, Task<int>> run, Func<GazetteDb, Task<int>> change)
        where TBatch : notnull
    {
        await using var scope = site.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<GazetteDb>>();
        var meanwhile = new ChangeAsTheTransactionBegins(() => ChangeAsync(options, change));
        await using var db = new GazetteDb(new DbContextOptionsBuilder<GazetteDb>(options).AddInterceptors(meanwhile).Options);
        await run(scope.ServiceProvider.GetRequiredService<TBatch>(), db);
        return meanwhile.Changed;
    }

    private static async Task ChangeAsync(DbContextOptions<GazetteDb> options, Func<GazetteDb, Task<int>> change)
    {
        await using var other = new GazetteDb(options);
        Assert.Equal(1, await change(other));
    }

    /// <summary>Makes a change once, as the first transaction of its context begins (the batch holds the write gate by then).</summary>
    private sealed class ChangeAsTheTransactionBegins(Func<Task> change) : DbTransactionInterceptor
    {
        public bool Changed { get; private set; }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (!Changed)
            {
                Changed = true;
                await change();
            }
            return result;
        }
    }
}
